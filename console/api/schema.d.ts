/**
 * Generated from Warden's OpenAPI document by `npm run console:schema`; do not edit.
 * test/console-schema.test.ts fails when it is stale.
 */

export interface paths {
    "/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit one report
         * @description Answered after the report is durably committed (reports arriving together share one commit).
         *
         *     Operation: reports.submit (staff or the platform service token; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReportInput"];
                };
            };
            responses: {
                /** @description accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IntakeResult"];
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit up to 1000 reports, all or nothing
         * @description Operation: reports.submit (staff or the platform service token; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reports: components["schemas"]["ReportInput"][];
                    };
                };
            };
            responses: {
                /** @description accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: components["schemas"]["IntakeResult"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The queues the caller may see, with depths
         * @description Operation: cases.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            queues: {
                                /** @enum {string} */
                                queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                                open: number;
                                claimed: number;
                                description: string;
                                canWork: boolean;
                            }[];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cases in the queues the caller may see, highest priority first
         * @description Operation: cases.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    queue?: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                    status?: "open" | "claimed" | "resolved";
                    brigade?: "true" | "false";
                    accountId?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cases: components["schemas"]["Case"][];
                            /** @description the reported accounts of these cases, by id: who they are and how protected */
                            accounts: {
                                [key: string]: components["schemas"]["AccountBrief"];
                            };
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One case with its reports and comments
         * @description Operation: cases.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            case: components["schemas"]["Case"];
                            reports: {
                                id: number;
                                receivedAt: number;
                                reporterId: string;
                                accountId: string;
                                /** @enum {string} */
                                category: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "other";
                                text: string;
                                evidence: string[];
                                duplicateOf: number | null;
                                /** @description the reporter's trust, 0–1: how much their reports weigh in the case's priority */
                                reporterTrust: number | null;
                            }[];
                            comments: {
                                id: number;
                                staffId: string;
                                body: string;
                                at: number;
                            }[];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim the highest-priority open case the caller may work
         * @description Operation: cases.claim (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        queue?: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            case: components["schemas"]["Case"] | null;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim this case
         * @description Operation: cases.claim (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            case: components["schemas"]["Case"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Extend the lease on a case the caller holds
         * @description Operation: cases.renew (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            case: components["schemas"]["Case"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a claimed case back to its queue
         * @description Operation: cases.release (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            case: components["schemas"]["Case"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a case the caller holds with a live lease
         * @description Operation: cases.resolve (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        resolution: "actioned" | "no_violation" | "brigade_dismissed" | "duplicate" | "appeal_granted" | "appeal_denied";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            case: components["schemas"]["Case"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/reroute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a case to another queue (never a protected account to a general queue)
         * @description Operation: cases.reroute (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            case: components["schemas"]["Case"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Comment on a case
         * @description Operation: cases.comment (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            at: number;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Accounts by id, optionally by tier or handle prefix
         * @description Operation: accounts.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    tier?: "standard" | "elevated" | "critical";
                    handle?: string;
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts: components["schemas"]["Account"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One account
         * @description Operation: accounts.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: components["schemas"]["Account"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The account's tier and status history
         * @description Operation: accounts.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            history: {
                                /** @enum {string} */
                                field: "tier" | "status";
                                from: string | null;
                                to: string;
                                at: number;
                                actor: {
                                    kind: string;
                                    id: string;
                                };
                                reason: string | null;
                            }[];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create accounts and update their descriptive fields, up to 10,000 (all or nothing); never a tier or status
         * @description Operation: accounts.import (staff or the platform service token; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accounts: {
                            id: string;
                            handle: string;
                            /** @default  */
                            displayName?: string;
                            followers: number;
                            /** @default false */
                            verified?: boolean;
                            /**
                             * @default active
                             * @enum {string}
                             */
                            status?: "active" | "limited" | "locked" | "suspended" | "deactivated";
                            /** @default null */
                            statusUntil?: number | null;
                            /** @default 0 */
                            version?: number;
                            /** @enum {string} */
                            tier?: "standard" | "elevated" | "critical";
                        }[];
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            updated: number;
                            unchanged: number;
                            /** @description new accounts brought in with a protected tier; an existing tier never changes here */
                            tierChanges: number;
                            /** @description always 0: an import never changes a status; kept for the shape clients know */
                            statusChanges: number;
                            /** @description existing accounts whose status in the batch differed from Warden's, not adopted */
                            statusesNotAdopted: number;
                            /** @description protected accounts whose count fell below half their peak (each audited: account.reach_fell) */
                            reachFalls: number;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pull every account from the platform through its adapter
         * @description Operation: accounts.sync (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            updated: number;
                            unchanged: number;
                            /** @description new accounts brought in with a protected tier; an existing tier never changes here */
                            tierChanges: number;
                            /** @description always 0: an import never changes a status; kept for the shape clients know */
                            statusChanges: number;
                            /** @description existing accounts whose status in the batch differed from Warden's, not adopted */
                            statusesNotAdopted: number;
                            /** @description protected accounts whose count fell below half their peak (each audited: account.reach_fell) */
                            reachFalls: number;
                            pages: number;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the account's owner, and those who reported it, were told: newest first, with each notice's delivery
         * @description Operation: notices.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            notices: components["schemas"]["Notice"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Statements of reasons for the DSA Transparency Database, newest first
         * @description Operation: statements.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    state?: "pending" | "queued" | "delivered" | "refused" | "failed";
                    accountId?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: recorded only, no database configured */
                            sending: boolean;
                            statements: components["schemas"]["Statement"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statements/{actionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One statement of reasons with its delivery and the audit inclusion proof of the decision it states
         * @description Operation: statements.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    actionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the action it states; also its puid at the database */
                            actionId: string;
                            /**
                             * @description pending: waiting for its batch (or for a configured database); queued; delivered; refused (for good, fields named); failed
                             * @enum {string}
                             */
                            state: "pending" | "queued" | "delivered" | "refused" | "failed";
                            /** @description the statement exactly as the DSA Transparency Database receives it */
                            statement: {
                                [key: string]: unknown;
                            };
                            batchId: string | null;
                            /** @description the id the database gave it */
                            tdbUuid: string | null;
                            createdAt: number;
                            queuedAt: number | null;
                            deliveredAt: number | null;
                            /** @description the fields the database refused, with its words */
                            refused: {
                                [key: string]: string[];
                            } | null;
                            lastError: string | null;
                            sending: boolean;
                            /** @description the inclusion proof of the action's action.executed entry */
                            proof: {
                                seq: number;
                                leafIndex: number;
                                treeSize: number;
                                entry: components["schemas"]["AuditEntry"];
                                /** @description the entry’s canonical bytes (UTF-8); leafHash = SHA-256(0x00 ‖ canonical) */
                                canonical: string;
                                leafHash: string;
                                proof: string[];
                                rootHash: string;
                                signedHead: components["schemas"]["SignedTreeHead"];
                            } | null;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reporters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The registered trusted flaggers, longest registered first
         * @description Operation: reporters.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query: {
                    /** @description only trusted flaggers are listed: say so */
                    trusted: "true";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reporters: components["schemas"]["Reporter"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reporters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A reporter's standing, their misuse counts, and a trusted flagger's time to decision
         * @description Operation: reporters.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reporter"];
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in staff member, with the end of their access
         * @description Operation: me.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staff: components["schemas"]["Staff"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * All staff with their access state
         * @description Operation: staff.list (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staff: components["schemas"]["Staff"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a staff member
         * @description Operation: staff.create (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: email */
                        email: string;
                        /** @enum {string} */
                        role: "triage" | "agent" | "lead" | "admin" | "auditor";
                        /** @enum {string} */
                        employment: "employee" | "contractor";
                        accessFrom?: number;
                        accessUntil?: number | null;
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staff: components["schemas"]["Staff"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/{id}/offboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End access now: revoke tokens, void pending proposals, approvals and scheduled actions, release claims
         * @description Operation: staff.offboard (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staffId: string;
                            tokensRevoked: number;
                            actionsVoided: string[];
                            approvalsVoided: number[];
                            claimsReleased: number[];
                            elevationsRevoked: number;
                            sessionsEnded: string[];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/{id}/enrolments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A staff member's enrolments and where each stands
         * @description Operation: enrolments.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enrolments: {
                                id: string;
                                staffId: string;
                                /** @description a staff id, or system:<id> */
                                issuedBy: string;
                                createdAt: number;
                                expiresAt: number;
                                redeemedAt: number | null;
                                revokedAt: number | null;
                                revokedBy: string | null;
                                /** @enum {string} */
                                state: "pending" | "redeemed" | "revoked" | "expired";
                            }[];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Start an enrolment: a one-time code sent only towards the holder (never in this answer)
         * @description The code goes through the outbox to the staff-invitation channel (WARDEN_ENROLMENT_WEBHOOK_URL, the company's mail relay) addressed to the holder; the holder redeems it at POST /v1/enrolments/redeem for their own token. A pending enrolment of theirs is revoked. 409 no_enrolment_channel when no channel is configured.
         *
         *     Operation: enrolments.start (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enrolment: components["schemas"]["Enrolment"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/{id}/enrolments/{enrolmentId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a pending enrolment: its code stops working
         * @description Operation: enrolments.revoke (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    enrolmentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enrolment: components["schemas"]["Enrolment"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/{id}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A staff member's API tokens: who issued each, never the token
         * @description Operation: tokens.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: components["schemas"]["TokenInfo"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/{id}/tokens/{tokenId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a staff member's API token
         * @description Operation: tokens.revoke (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: components["schemas"]["TokenInfo"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue yourself a further API token (shown once, stored hashed)
         * @description Operation: tokens.issue-own (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            token: string;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/tokens/{tokenId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke one of your own API tokens
         * @description Operation: tokens.revoke-own (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: components["schemas"]["TokenInfo"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/enrolments/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeem your enrolment code for your own API token (and, with a password, your console credentials)
         * @description Unauthenticated: the code is the proof. One answer (401 invalid_credentials) for an unknown, expired, used or revoked code, and no credential written; 429 rate_limited per client address, counted with failed sign-ins. With `password`, the password is set and a new TOTP secret is enrolled and returned (for your authenticator app).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        password?: string;
                        label?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staffId: string;
                            token: {
                                id: string;
                                token: string;
                            };
                            totp: {
                                secret: string;
                                uri: string;
                            } | null;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many failures */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                retryAfterSeconds: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit entries, newest first, by subject or actor
         * @description Operation: audit.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    subjectType?: string;
                    subjectId?: string;
                    actorId?: string;
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["AuditEvent"][];
                            size: number;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Re-derive the log from the stored entries and name every problem
         * @description scope=chain (default): the hash chain. scope=full: also every leaf hash, the whole Merkle tree, the stored subtrees and every signed tree head, with findings that name what was done (edited, deleted, inserted, reordered, truncated, rewritten).
         *
         *     Operation: audit.verify (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    scope?: "chain" | "full";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            size: number;
                            problems: {
                                [key: string]: unknown;
                            }[];
                            findings?: {
                                [key: string]: unknown;
                            }[];
                            headSize?: number;
                            rootHash?: string;
                            signedHeadsChecked?: number;
                            problemsOmitted?: number;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/heads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Signed tree heads, newest first
         * @description Operation: audit.proofs (staff or the platform service token; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    beforeId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            heads: components["schemas"]["SignedTreeHead"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign a tree head over the log as it stands now
         * @description Operation: audit.sign-head (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            head: components["schemas"]["SignedTreeHead"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/heads/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest signed tree head (null before the first is signed)
         * @description Operation: audit.proofs (staff or the platform service token; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            head: components["schemas"]["SignedTreeHead"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The Ed25519 public key tree heads are signed with (pin it outside Warden)
         * @description Operation: audit.proofs (staff or the platform service token; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keyId: string;
                            /** @description SPKI PEM */
                            publicKey: string;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/proofs/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * RFC 9162 inclusion proof of an entry in the tree of treeSize entries (default: the latest signed head)
         * @description Operation: audit.proofs (staff or the platform service token; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query: {
                    seq: number;
                    treeSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            seq: number;
                            leafIndex: number;
                            treeSize: number;
                            entry: components["schemas"]["AuditEntry"];
                            /** @description the entry’s canonical bytes (UTF-8); leafHash = SHA-256(0x00 ‖ canonical) */
                            canonical: string;
                            leafHash: string;
                            proof: string[];
                            rootHash: string;
                            signedHead: components["schemas"]["SignedTreeHead"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/proofs/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * RFC 9162 consistency proof that the tree of `from` entries is a prefix of the tree of `to` (default: the latest signed head)
         * @description Operation: audit.proofs (staff or the platform service token; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query: {
                    from: number;
                    to?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: number;
                            to: number;
                            fromRoot: string;
                            toRoot: string;
                            proof: string[];
                            fromHead: components["schemas"]["SignedTreeHead"];
                            toHead: components["schemas"]["SignedTreeHead"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Propose one action over many accounts: each judged by the policy alone; those that need approvals wait, the rest execute
         * @description Operation: actions.bulk (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkProposal"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bulk: components["schemas"]["Bulk"];
                            /** @description the targets waiting for approvals (the first 1000; GET …/targets pages them all) */
                            waiting: components["schemas"]["BulkTarget"][];
                            /** @description the targets the policy refused (the first 1000) */
                            refused: components["schemas"]["BulkTarget"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/bulk/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A bulk: what became of its targets
         * @description Operation: actions.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bulk: components["schemas"]["Bulk"];
                            /** @description the targets waiting for approvals (the first 1000; GET …/targets pages them all) */
                            waiting: components["schemas"]["BulkTarget"][];
                            /** @description the targets the policy refused (the first 1000) */
                            refused: components["schemas"]["BulkTarget"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/bulk/{id}/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of a bulk's targets, by account id
         * @description Operation: actions.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    outcome?: "executed" | "waiting" | "refused";
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            targets: components["schemas"]["BulkTarget"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/bulk/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Undo a bulk as one: a restore of each target it executed on, each judged as any restore is
         * @description Operation: actions.bulk (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkRestore"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bulk: components["schemas"]["Bulk"];
                            /** @description the targets waiting for approvals (the first 1000; GET …/targets pages them all) */
                            waiting: components["schemas"]["BulkTarget"][];
                            /** @description the targets the policy refused (the first 1000) */
                            refused: components["schemas"]["BulkTarget"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What the policy in force will demand of this proposal — asked of the same rules that enforce it
         * @description Operation: actions.propose (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            decision: components["schemas"]["Decision"];
                            requirements: {
                                count: number;
                                roles: string[];
                                rules: components["schemas"]["RuleHit"][];
                                text: string;
                            }[];
                            summary: string;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Actions, newest first
         * @description Operation: actions.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    state?: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
                    targetId?: string;
                    proposerId?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: components["schemas"]["Action"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Propose an action; refused with the deciding rules if the policy denies it
         * @description Operation: actions.propose (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            responses: {
                /** @description OK */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: components["schemas"]["Action"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Proposals the caller may approve now, each with its brief: what it does, the case and reports behind it, who asks
         * @description Operation: approvals.inbox (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: components["schemas"]["Action"];
                                brief: components["schemas"]["ActionBrief"];
                            }[];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One action, its approvals, what the policy says of it right now, and the brief an approver weighs
         * @description Operation: actions.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: components["schemas"]["Action"];
                            approvals: {
                                id: number;
                                actionId: string;
                                approverId: string;
                                /** @enum {string} */
                                verdict: "approve" | "reject";
                                comment: string;
                                at: number;
                                expiresAt: number;
                                voidedAt: number | null;
                                voidedReason: string | null;
                            }[];
                            now: {
                                allowed: boolean;
                                proposer: components["schemas"]["Decision"];
                                execute: components["schemas"]["Decision"];
                                approvals: {
                                    approvalId: number;
                                    approverId: string;
                                    counts: boolean;
                                    why: string;
                                }[];
                                missing: string | null;
                            } | null;
                            brief: components["schemas"]["ActionBrief"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve (the policy decides who may; never the proposer)
         * @description Operation: actions.approve (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: components["schemas"]["Action"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/{id}/execute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Execute an approved action now; 409 naming what is missing otherwise
         * @description Operation: actions.execute (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: components["schemas"]["Action"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject with a comment
         * @description Operation: actions.reject (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a retry with the same key and body answers the first answer, changing nothing again (kept 24 h, per caller); another body with the key is 409 */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: components["schemas"]["Action"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appeals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The appeals queue: appeals in a state (default open), oldest first
         * @description Operation: appeals.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    state?: "open" | "granted" | "denied";
                    accountId?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appeals: components["schemas"]["Appeal"][];
                            /** @description the case working each appeal, by case id: who holds its claim */
                            cases: {
                                [key: string]: components["schemas"]["Case"];
                            };
                            /** @description the action each owner's appeal contests, by action id */
                            actions: {
                                [key: string]: components["schemas"]["Action"];
                            };
                            /** @description the accounts the appeals are about, by id */
                            accounts: {
                                [key: string]: components["schemas"]["AccountBrief"];
                            };
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        /**
         * File an appeal: an owner against an executed action, or a reporter against a decision not to act
         * @description Refused with 409 naming the deadline (an exact ISO instant) once the window has closed, and naming the open appeal when there is one.
         *
         *     Operation: appeals.submit (staff or the platform service token; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AppealInput"];
                };
            };
            responses: {
                /** @description filed: a case in the appeals queue */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appeal: components["schemas"]["Appeal"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appeals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One appeal with the contested action and its approvals, the original case and its reports, and who may not decide it
         * @description Operation: appeals.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appeal: components["schemas"]["Appeal"];
                            case: components["schemas"]["Case"];
                            contested: {
                                action: components["schemas"]["Action"];
                                approvals: {
                                    id: number;
                                    actionId: string;
                                    approverId: string;
                                    /** @enum {string} */
                                    verdict: "approve" | "reject";
                                    comment: string;
                                    at: number;
                                    expiresAt: number;
                                    voidedAt: number | null;
                                    voidedReason: string | null;
                                }[];
                            } | null;
                            original: {
                                case: components["schemas"]["Case"];
                                reports: {
                                    id: number;
                                    receivedAt: number;
                                    reporterId: string;
                                    accountId: string;
                                    /** @enum {string} */
                                    category: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "other";
                                    text: string;
                                    evidence: string[];
                                    duplicateOf: number | null;
                                    /** @description the reporter's trust, 0–1: how much their reports weigh in the case's priority */
                                    reporterTrust: number | null;
                                }[];
                            } | null;
                            ineligible: components["schemas"]["AppealParticipant"][];
                            viewerMayDecide: components["schemas"]["Decision"];
                            reversal: components["schemas"]["Action"] | null;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appeals/{id}/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the caller may decide this appeal, by the rule that answered, beside every rule on deciding appeals
         * @description Operation: decisions.explain (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appealId: string;
                            viewer: string;
                            decision: components["schemas"]["Decision"];
                            ineligible: components["schemas"]["AppealParticipant"][];
                            rules: {
                                id: string;
                                /** @enum {string} */
                                effect: "permit" | "forbid";
                                reason: string;
                                file: string;
                                line: number;
                            }[];
                            decided: {
                                by: string;
                                at: number;
                                /** @enum {string} */
                                outcome: "open" | "granted" | "denied";
                                reasons: string | null;
                            } | null;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appeals/{id}/decide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Grant or deny an appeal (someone independent of the decision contested, holding a live claim on its case)
         * @description Granting an owner's appeal proposes the restore of the contested action, judged like any proposal: on a protected account it executes only with the approvals the policy demands.
         *
         *     Operation: appeals.decide (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "granted" | "denied";
                        /** @description why, in words the appellant is told (at least 10 characters) */
                        reasons: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appeal: components["schemas"]["Appeal"];
                            reversal: components["schemas"]["Action"] | null;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transparency/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The transparency report over a period (DSA Art. 15, 24): notices, measures, appeals, statements of reasons, each summed from the audit log
         * @description Operation: transparency.report (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query: {
                    /** @description the first day (UTC), YYYY-MM-DD */
                    from: string;
                    /** @description the day after the last (UTC), YYYY-MM-DD: the period is [from, to) */
                    to: string;
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            report: components["schemas"]["TransparencyReport"];
                        };
                        "text/csv": string;
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metrics/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Time to first review, to decision, queue age, approval wait and appeal overturn rate over a period: per queue, reason code and member of staff
         * @description Operation: metrics.leads (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query: {
                    /** @description the first day (UTC), YYYY-MM-DD */
                    from: string;
                    /** @description the day after the last (UTC), YYYY-MM-DD: the period is [from, to), a day to ten years */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            metrics: components["schemas"]["LeadMetrics"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metrics/staff/{staffId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One member of staff's figures over a period: the cases they claimed and resolved, their verdicts' wait, appeals against what they proposed
         * @description Operation: metrics.staff (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query: {
                    /** @description the first day (UTC), YYYY-MM-DD */
                    from: string;
                    /** @description the day after the last (UTC), YYYY-MM-DD: the period is [from, to), a day to ten years */
                    to: string;
                };
                header?: never;
                path: {
                    staffId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            metrics: components["schemas"]["StaffMetrics"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The policy set in force: version, rules with their reasons, freeze switch
         * @description Operation: policy.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            version: string;
                            frozen: boolean;
                            rules: {
                                id: string;
                                /** @enum {string} */
                                effect: "permit" | "forbid";
                                reason: string;
                                file: string;
                                line: number;
                            }[];
                            files: {
                                [key: string]: string;
                            };
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy/freeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn the freeze switch on or off (audited); while on, enforcement is refused
         * @description Operation: policy.freeze (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        on: boolean;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            frozen: boolean;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Alerts, newest first; only those nobody has acknowledged with unacknowledged=true
         * @description Operation: alerts.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    unacknowledged?: "true" | "false";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alerts: components["schemas"]["Alert"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an alert; acknowledging it again changes nothing
         * @description Operation: alerts.acknowledge (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alert: components["schemas"]["Alert"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything that happened to an account, in order, with the deciding rules and each actor's role and access window at that instant
         * @description Operation: forensics.timeline (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    since?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountTimeline"];
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/{id}/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Which policy version and rules decided an action, which approvals counted and which did not and why
         * @description Operation: decisions.explain (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActionExplanation"];
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff/{id}/access-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What this person could do right now, to which tiers, as the policy in force decides it
         * @description Operation: forensics.access-review (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessReview"];
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tripwires/drifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Changes on the platform that no authorized action explained, newest first, with what Warden did about each
         * @description Operation: drifts.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    accountId?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            drifts: components["schemas"]["Drift"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email, password and the current TOTP code; sets the session cookie
         * @description One answer (401 invalid_credentials) for a wrong email, password or code; 429 rate_limited with Retry-After after too many failures per account or per address.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                        totp: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many failed sign-ins */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                retryAfterSeconds: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in session (refreshes its idle timeout), with what the person may do (capabilities, from the policy)
         * @description Operation: session.read (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the session
         * @description Operation: session.logout (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description signed out; the cookie is cleared */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/step-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-enter a TOTP code before proposing or approving a destructive action on a protected account
         * @description A wrong or already used code answers 403 step_up_required (the session itself stays valid).
         *
         *     Operation: session.step-up (staff; who may call it is decided by the policy)
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        totp: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stepUpUntil: number;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How staff may sign in here: password + TOTP always; OpenID Connect when configured */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            password: true;
                            oidc: boolean;
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sign in through the company's identity provider (OpenID Connect): redirects there */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description to the identity provider */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the identity provider sends the browser back: sets the session cookie and redirects to the console */
        get: {
            parameters: {
                query?: {
                    state?: string;
                    code?: string;
                    error?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description to the console, signed in */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How you are told: your channels (never their secrets) and, per kind, immediate, digest or off
         * @description Operation: notifications.own (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            preferences: components["schemas"]["NotificationPreferences"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        /**
         * Set how you are told (yours only; it changes nothing but delivery)
         * @description A channel left out is kept, null removes it. A new webhook needs its `whsec_` secret; a changed URL may leave it out to keep the stored one. URLs are http or https, at most 2000 characters, without credentials. Any bad field answers 400 naming it, and nothing changes.
         *
         *     Operation: notifications.own (staff; who may call it is decided by the policy)
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description a generic receiver, signed the Standard Webhooks way with your secret */
                        webhook?: {
                            url: string;
                            /** @description whsec_…; left out: keep the one stored */
                            secret?: string;
                        } | null;
                        /** @description a Slack-compatible incoming webhook (its URL is its secret: never shown again) */
                        slack?: {
                            url: string;
                        } | null;
                        /** @description per kind: immediate, digest or off; a kind left out keeps its mode */
                        modes?: {
                            /** @enum {string} */
                            approval_requested?: "immediate" | "digest" | "off";
                            /** @enum {string} */
                            proposal_decided?: "immediate" | "digest" | "off";
                            /** @enum {string} */
                            appeal_filed?: "immediate" | "digest" | "off";
                            /** @enum {string} */
                            alert_raised?: "immediate" | "digest" | "off";
                        };
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            preferences: components["schemas"]["NotificationPreferences"];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is over this route's size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the body is not JSON (Content-Type must be application/json) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What you were told of lately, newest first, with each one’s delivery
         * @description Operation: notifications.own (staff; who may call it is decided by the policy)
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            notifications: components["schemas"]["StaffNotification"][];
                        };
                    };
                };
                /** @description invalid input; each bad field is named */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description missing, unknown or revoked token, or access ended */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the policy does not let this caller perform the operation; the body names the rule that answered */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description too many requests: per credential, or per client address for requests without a valid one; retry after Retry-After seconds */
                429: {
                    headers: {
                        /** @description seconds until the window that refused this request ends */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RateLimited"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        IntakeResult: {
            reportId: number;
            /** @description the case it was folded into; 0 when it was ignored and the account had no open case */
            caseId: number;
            duplicate: boolean;
            /** @description its reporter's reporting is suspended (DSA Art. 23): the report is kept and counts towards nothing */
            ignored: boolean;
        };
        Error: {
            error: {
                code: string;
                message: string;
                fields?: {
                    path: string;
                    message: string;
                }[];
                /** @description how many more fields are wrong than `fields` names (it names at most 50) */
                moreFields?: number;
            };
        };
        RateLimited: {
            error: {
                code: string;
                message: string;
                fields?: {
                    path: string;
                    message: string;
                }[];
                /** @description how many more fields are wrong than `fields` names (it names at most 50) */
                moreFields?: number;
                retryAfterSeconds: number;
            };
        };
        ReportInput: {
            /** @description the platform's id of the reporting user */
            reporterId: string;
            /** @description the platform's id of the reported account */
            accountId: string;
            /** @enum {string} */
            category: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "other";
            /** @default  */
            text: string;
            /** @default [] */
            evidence: string[];
        };
        Case: {
            id: number;
            accountId: string;
            /** @enum {string} */
            status: "open" | "claimed" | "resolved";
            /** @enum {string} */
            queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
            /** @enum {string} */
            area: "spam" | "safety" | "authenticity" | "integrity" | "general";
            priority: number;
            severity: number;
            reportCount: number;
            countedReports: number;
            distinctReporters: number;
            /** @description counted reports from registered trusted flaggers (DSA Art. 22): such a case is routed first */
            trustedFlaggerReports: number;
            categories: ("spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "other")[];
            brigade: boolean;
            claimedBy: string | null;
            leaseUntil: number | null;
            openedAt: number;
            updatedAt: number;
            lastReportAt: number;
            resolvedAt: number | null;
            resolvedBy: string | null;
            /** @enum {string|null} */
            resolution: "actioned" | "no_violation" | "brigade_dismissed" | "duplicate" | "appeal_granted" | "appeal_denied" | null;
        };
        AccountBrief: {
            handle: string;
            displayName: string;
            /** @enum {string} */
            tier: "standard" | "elevated" | "critical";
            /** @enum {string} */
            status: "active" | "limited" | "locked" | "suspended" | "deactivated";
            followers: number;
        };
        Account: {
            id: string;
            handle: string;
            displayName: string;
            followers: number;
            verified: boolean;
            /** @enum {string} */
            tier: "standard" | "elevated" | "critical";
            /** @enum {string} */
            status: "active" | "limited" | "locked" | "suspended" | "deactivated";
            statusUntil: number | null;
            platformVersion: number;
            /** @description the most followers Warden has seen; the policy reads the larger of this and followers on a protected account */
            followersPeak: number;
            createdAt: number;
            updatedAt: number;
        };
        Notice: {
            id: string;
            /** @enum {string} */
            subject: "enforcement" | "report_outcome" | "appeal_outcome";
            recipient: {
                /** @enum {string} */
                kind: "owner" | "reporter";
                id: string;
            };
            accountId: string | null;
            actionId: string | null;
            caseId: number | null;
            reportId: number | null;
            appealId: string | null;
            /**
             * @description pending: a reporter's outcome waiting for its batch; queued: on its way; delivered; failed
             * @enum {string}
             */
            state: "pending" | "queued" | "delivered" | "failed";
            /** @description the batch it left in (the outbox key the platform saw) */
            batchId: string | null;
            createdAt: number;
            queuedAt: number | null;
            deliveredAt: number | null;
            /**
             * @description the language it went out in, as the platform gave the recipient’s
             * @enum {string|null}
             */
            language: "en" | "de" | null;
            title: string;
            body: string;
            /** @description the structured statement of reasons (or outcome) the platform received beside the text */
            statement: {
                [key: string]: unknown;
            };
            lastError: string | null;
        };
        Statement: {
            /** @description the action it states; also its puid at the database */
            actionId: string;
            /**
             * @description pending: waiting for its batch (or for a configured database); queued; delivered; refused (for good, fields named); failed
             * @enum {string}
             */
            state: "pending" | "queued" | "delivered" | "refused" | "failed";
            /** @description the statement exactly as the DSA Transparency Database receives it */
            statement: {
                [key: string]: unknown;
            };
            batchId: string | null;
            /** @description the id the database gave it */
            tdbUuid: string | null;
            createdAt: number;
            queuedAt: number | null;
            deliveredAt: number | null;
            /** @description the fields the database refused, with its words */
            refused: {
                [key: string]: string[];
            } | null;
            lastError: string | null;
        };
        AuditEntry: {
            seq: number;
            at: number;
            actor: {
                /** @enum {string} */
                kind: "staff" | "system" | "service";
                id: string;
            };
            reason: string | null;
            action: string;
            subject: {
                type: string;
                id: string;
            };
            before?: unknown;
            after?: unknown;
        };
        SignedTreeHead: {
            id: number;
            treeSize: number;
            rootHash: string;
            /** @description epoch ms */
            timestamp: number;
            /** @description Ed25519, base64, over UTF-8 {"rootHash":…,"timestamp":…,"treeSize":…,"type":"warden.audit.tree_head.v1"} */
            signature: string;
            /** @description SHA-256 of the signing key’s SubjectPublicKeyInfo (DER), hex */
            keyId: string;
        } | null;
        Reporter: {
            id: string;
            /** @description 0–1: how much their reports weigh in a case priority */
            trust: number;
            firstSeenAt: number;
            /** @description registered as a trusted flagger (DSA Art. 22): by which approved action, since when */
            trustedFlagger: {
                name: string;
                organisation: string | null;
                since: number;
                actionId: string;
            } | null;
            /** @description warned for misuse of reporting (Art. 23) */
            warning: {
                at: number;
                actionId: string;
            } | null;
            /** @description reporting suspended: their reports are ignored until then */
            suspension: {
                until: number;
                actionId: string;
            } | null;
            reportingSuspended: boolean;
            /** @description their reports in the misuse window, as Warden derives them */
            misuse: {
                unfounded: number;
                decided: number;
                total: number;
                since: number;
                windowMs: number;
            };
            /** @description a trusted flagger's notices: how many were decided, and the median time from notice to the case's decision */
            flaggerDecisions: {
                decided: number;
                medianTimeToDecisionMs: number | null;
            } | null;
        };
        Staff: {
            id: string;
            name: string;
            email: string;
            /** @enum {string} */
            role: "triage" | "agent" | "lead" | "admin" | "auditor";
            /** @enum {string} */
            employment: "employee" | "contractor";
            access: {
                from: number;
                until: number | null;
            };
            offboardedAt: number | null;
            createdAt: number;
            /** @enum {string} */
            accessState: "active" | "not_yet" | "ended" | "offboarded";
        };
        Enrolment: {
            id: string;
            staffId: string;
            /** @description a staff id, or system:<id> */
            issuedBy: string;
            createdAt: number;
            expiresAt: number;
            redeemedAt: number | null;
            revokedAt: number | null;
            revokedBy: string | null;
        };
        TokenInfo: {
            id: string;
            label: string;
            /** @description a staff id, or system:<id> */
            issuedBy: string;
            enrolmentId: string | null;
            createdAt: number;
            revokedAt: number | null;
        };
        AuditEvent: ({
            seq: number;
            at: number;
            actor: {
                /** @enum {string} */
                kind: "staff" | "system" | "service";
                id: string;
            };
            reason: string | null;
            /** @enum {boolean} */
            catalogued: true;
        } & ((components["schemas"]["AuditEvent.accounts.imported"] | components["schemas"]["AuditEvent.account.tier_set"] | components["schemas"]["AuditEvent.account.reach_fell"]) | (components["schemas"]["AuditEvent.action.proposed"] | components["schemas"]["AuditEvent.action.refused"] | components["schemas"]["AuditEvent.approval.given"] | components["schemas"]["AuditEvent.approval.rejected"] | components["schemas"]["AuditEvent.approval.refused"] | components["schemas"]["AuditEvent.approval.voided"] | components["schemas"]["AuditEvent.action.rejected"] | components["schemas"]["AuditEvent.action.awaiting_approval"] | components["schemas"]["AuditEvent.action.scheduled"] | components["schemas"]["AuditEvent.action.executed"] | components["schemas"]["AuditEvent.action.delivered"] | components["schemas"]["AuditEvent.action.delivery_failed"] | components["schemas"]["AuditEvent.action.lapsed"] | components["schemas"]["AuditEvent.action.voided"] | components["schemas"]["AuditEvent.action.expired"]) | (components["schemas"]["AuditEvent.alert.raised"] | components["schemas"]["AuditEvent.alert.acknowledged"] | components["schemas"]["AuditEvent.alert.delivery_failed"]) | (components["schemas"]["AuditEvent.appeal.filed"] | components["schemas"]["AuditEvent.appeal.decision_refused"] | components["schemas"]["AuditEvent.appeal.decided"] | components["schemas"]["AuditEvent.appeal.reversal_executed"] | components["schemas"]["AuditEvent.appeal.overdue"]) | (components["schemas"]["AuditEvent.bulk.proposed"] | components["schemas"]["AuditEvent.bulk.completed"]) | (components["schemas"]["AuditEvent.case.opened"] | components["schemas"]["AuditEvent.case.claimed"] | components["schemas"]["AuditEvent.case.lease_renewed"] | components["schemas"]["AuditEvent.case.released"] | components["schemas"]["AuditEvent.case.resolved"] | components["schemas"]["AuditEvent.case.rerouted"] | components["schemas"]["AuditEvent.case.commented"] | components["schemas"]["AuditEvent.case.lease_expired"] | components["schemas"]["AuditEvent.case.claim_voided"] | components["schemas"]["AuditEvent.case.reopened"] | components["schemas"]["AuditEvent.case.brigade_flagged"] | components["schemas"]["AuditEvent.reports.received"]) | (components["schemas"]["AuditEvent.staff.enrolment_started"] | components["schemas"]["AuditEvent.staff.enrolment_sent"] | components["schemas"]["AuditEvent.staff.enrolment_undelivered"] | components["schemas"]["AuditEvent.staff.enrolment_redeemed"] | components["schemas"]["AuditEvent.staff.enrolment_redeem_failed"] | components["schemas"]["AuditEvent.staff.enrolment_revoked"] | components["schemas"]["AuditEvent.staff.token_revoked"] | components["schemas"]["AuditEvent.staff.bootstrapped"]) | (components["schemas"]["AuditEvent.notice.queued"] | components["schemas"]["AuditEvent.notice.outcomes_recorded"] | components["schemas"]["AuditEvent.notice.batch_queued"] | components["schemas"]["AuditEvent.notice.delivered"] | components["schemas"]["AuditEvent.notice.delivery_failed"]) | (components["schemas"]["AuditEvent.notification.preferences_set"] | components["schemas"]["AuditEvent.notification.delivery_failed"]) | (components["schemas"]["AuditEvent.policy.activated"] | components["schemas"]["AuditEvent.policy.frozen"] | components["schemas"]["AuditEvent.policy.unfrozen"]) | (components["schemas"]["AuditEvent.reporter.standing_changed"] | components["schemas"]["AuditEvent.reporter.misuse_threshold_reached"] | components["schemas"]["AuditEvent.reporter.reports_ignored"]) | (components["schemas"]["AuditEvent.session.login"] | components["schemas"]["AuditEvent.session.login_refused"] | components["schemas"]["AuditEvent.session.login_failed"] | components["schemas"]["AuditEvent.session.logout"] | components["schemas"]["AuditEvent.session.ended"] | components["schemas"]["AuditEvent.session.step_up"] | components["schemas"]["AuditEvent.session.step_up_failed"] | components["schemas"]["AuditEvent.staff.password_set"] | components["schemas"]["AuditEvent.staff.totp_enrolled"]) | (components["schemas"]["AuditEvent.staff.created"] | components["schemas"]["AuditEvent.staff.token_issued"] | components["schemas"]["AuditEvent.staff.offboarded"] | components["schemas"]["AuditEvent.staff.access_ended"] | components["schemas"]["AuditEvent.staff.access_revoked"]) | (components["schemas"]["AuditEvent.statement.recorded"] | components["schemas"]["AuditEvent.statement.batch_queued"] | components["schemas"]["AuditEvent.statement.delivered"] | components["schemas"]["AuditEvent.statement.refused"] | components["schemas"]["AuditEvent.statement.delivery_failed"]) | (components["schemas"]["AuditEvent.strike.recorded"] | components["schemas"]["AuditEvent.strike.reversed"] | components["schemas"]["AuditEvent.strike.threshold_reached"]) | (components["schemas"]["AuditEvent.tripwire.drift_detected"] | components["schemas"]["AuditEvent.tripwire.reverted"] | components["schemas"]["AuditEvent.tripwire.revert_failed"] | components["schemas"]["AuditEvent.tripwire.superseded"]))) | components["schemas"]["UncataloguedAuditEntry"];
        "AuditEvent.accounts.imported": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "accounts.imported";
            subject: {
                /** @enum {string} */
                type: "accounts";
                id: string;
            };
            before: null;
            after: {
                created: number;
                updated: number;
                unchanged: number;
                /** @description new accounts brought in with a protected tier; an existing tier never changes here */
                tierChanges: number;
                /** @description always 0: an import never changes a status; kept for the shape clients know */
                statusChanges: number;
                /** @description existing accounts whose status in the batch differed from Warden's, not adopted */
                statusesNotAdopted: number;
                /** @description protected accounts whose count fell below half their peak (each audited: account.reach_fell) */
                reachFalls: number;
            };
        };
        "AuditEvent.account.tier_set": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "account.tier_set";
            subject: {
                /** @enum {string} */
                type: "account";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                tier: "standard" | "elevated" | "critical";
            };
        };
        "AuditEvent.account.reach_fell": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "account.reach_fell";
            subject: {
                /** @enum {string} */
                type: "account";
                id: string;
            };
            before: {
                followers: number;
                followersPeak: number;
            };
            after: {
                followers: number;
                followersPeak: number;
                policyReads: number;
            };
        };
        "AuditEvent.action.proposed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.proposed";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                kind: "warn" | "limit" | "lock" | "suspend" | "deactivate" | "restore" | "set_tier" | "change_policy" | "grant_role" | "elevate" | "set_access" | "set_notice_template" | "set_decision_ground" | "add_trusted_flagger" | "remove_trusted_flagger" | "warn_reporter" | "suspend_reporting" | "restore_reporting";
                target: {
                    /** @enum {string} */
                    type: "account" | "staff" | "policy" | "reporter";
                    id: string;
                };
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
                /** @enum {string} */
                reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
                params: {
                    durationMs?: number;
                    restoresActionId?: string;
                    restoreTo?: {
                        /** @enum {string} */
                        status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                        statusUntil: number | null;
                    };
                    /** @enum {string} */
                    tier?: "standard" | "elevated" | "critical";
                    /** @enum {string} */
                    role?: "triage" | "agent" | "lead" | "admin" | "auditor";
                    hours?: number;
                    policyFiles?: string[];
                    accessUntil?: number;
                    strike?: {
                        expiresInDays: number;
                    };
                    templateTitle?: string;
                    templateGround?: string;
                    templateBody?: string;
                    decisionGround?: string;
                    groundReference?: string;
                    groundExplanation?: string;
                    alsoIllegal?: boolean;
                    flaggerName?: string;
                    organisation?: string;
                    misuse?: {
                        unfounded: number;
                        decided: number;
                        total: number;
                        since: number;
                        windowMs: number;
                    };
                };
                effect: {
                    /** @enum {string} */
                    fromStatus: "active" | "limited" | "locked" | "suspended" | "deactivated" | "";
                    /** @enum {string} */
                    toStatus: "active" | "limited" | "locked" | "suspended" | "deactivated" | "";
                    restricts: boolean;
                    durationMs: number;
                };
                decision: {
                    allowed: boolean;
                    rules: {
                        id: string;
                        /** @enum {string} */
                        effect: "permit" | "forbid";
                        reason: string;
                    }[];
                    policyVersion: string;
                };
                requirements: string[];
                /** @enum {string|null} */
                proposerRole: "triage" | "agent" | "lead" | "admin" | "auditor" | null;
                caseId?: number;
            } | {
                /** @enum {string} */
                kind: "restore";
                target: {
                    /** @enum {string} */
                    type: "account" | "staff" | "policy" | "reporter";
                    id: string;
                };
                /** @enum {string} */
                state: "scheduled";
                scheduledFor: number | null;
                reverses: string;
                restoreTo: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                };
            };
        };
        "AuditEvent.action.refused": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.refused";
            subject: {
                /** @enum {string} */
                type: "account" | "staff" | "policy" | "reporter";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                kind: "warn" | "limit" | "lock" | "suspend" | "deactivate" | "restore" | "set_tier" | "change_policy" | "grant_role" | "elevate" | "set_access" | "set_notice_template" | "set_decision_ground" | "add_trusted_flagger" | "remove_trusted_flagger" | "warn_reporter" | "suspend_reporting" | "restore_reporting";
                /** @enum {string} */
                stage: "propose";
                decision: {
                    allowed: boolean;
                    rules: {
                        id: string;
                        /** @enum {string} */
                        effect: "permit" | "forbid";
                        reason: string;
                    }[];
                    policyVersion: string;
                };
            };
        };
        "AuditEvent.approval.given": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "approval.given";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: null;
            after: {
                approvalId: number;
                /** @enum {string} */
                verdict: "approve" | "reject";
                /** @enum {string} */
                approverRole: "triage" | "agent" | "lead" | "admin" | "auditor";
                /** @enum {string} */
                approverEmployment: "employee" | "contractor";
                accessUntil: number | null;
                decision: {
                    allowed: boolean;
                    rules: {
                        id: string;
                        /** @enum {string} */
                        effect: "permit" | "forbid";
                        reason: string;
                    }[];
                    policyVersion: string;
                };
            };
        };
        "AuditEvent.approval.rejected": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "approval.rejected";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: null;
            after: {
                approvalId: number;
                /** @enum {string} */
                verdict: "approve" | "reject";
                /** @enum {string} */
                approverRole: "triage" | "agent" | "lead" | "admin" | "auditor";
                /** @enum {string} */
                approverEmployment: "employee" | "contractor";
                accessUntil: number | null;
                decision: {
                    allowed: boolean;
                    rules: {
                        id: string;
                        /** @enum {string} */
                        effect: "permit" | "forbid";
                        reason: string;
                    }[];
                    policyVersion: string;
                };
            };
        };
        "AuditEvent.approval.refused": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "approval.refused";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                verdict: "approve" | "reject";
                decision: {
                    allowed: boolean;
                    rules: {
                        id: string;
                        /** @enum {string} */
                        effect: "permit" | "forbid";
                        reason: string;
                    }[];
                    policyVersion: string;
                };
                isProposer: boolean;
                dependence?: string;
            };
        };
        "AuditEvent.approval.voided": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "approval.voided";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: null;
            after: {
                approvalId: number;
                approverId: string;
            };
        };
        "AuditEvent.action.rejected": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.rejected";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
            after: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
        };
        "AuditEvent.action.awaiting_approval": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.awaiting_approval";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
            after: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
                decision: {
                    allowed: boolean;
                    rules: {
                        id: string;
                        /** @enum {string} */
                        effect: "permit" | "forbid";
                        reason: string;
                    }[];
                    policyVersion: string;
                };
            };
        };
        "AuditEvent.action.scheduled": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.scheduled";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
            after: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
                scheduledFor: number | null;
                approvals: {
                    id: number;
                    approverId: string;
                }[];
            };
        };
        "AuditEvent.action.executed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.executed";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
                account: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                } | null;
            };
            after: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
                /** @enum {string} */
                kind: "warn" | "limit" | "lock" | "suspend" | "deactivate" | "restore" | "set_tier" | "change_policy" | "grant_role" | "elevate" | "set_access" | "set_notice_template" | "set_decision_ground" | "add_trusted_flagger" | "remove_trusted_flagger" | "warn_reporter" | "suspend_reporting" | "restore_reporting";
                target: {
                    /** @enum {string} */
                    type: "account" | "staff" | "policy" | "reporter";
                    id: string;
                };
                account: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                } | null;
                /** @enum {string} */
                executedBy: "proposed" | "approval" | "schedule";
                effect: {
                    /** @enum {string} */
                    fromStatus: "active" | "limited" | "locked" | "suspended" | "deactivated" | "";
                    /** @enum {string} */
                    toStatus: "active" | "limited" | "locked" | "suspended" | "deactivated" | "";
                    restricts: boolean;
                    durationMs: number;
                };
                policyVersion: string;
                rules: {
                    id: string;
                    /** @enum {string} */
                    effect: "permit" | "forbid";
                    reason: string;
                }[];
                proposerRules: {
                    id: string;
                    /** @enum {string} */
                    effect: "permit" | "forbid";
                    reason: string;
                }[];
                approvals: {
                    id: number;
                    approverId: string;
                }[];
                notCounted: {
                    id: number;
                    approverId: string;
                    why: string;
                }[];
                reversal?: string;
                tier?: {
                    /** @enum {string} */
                    from: "standard" | "elevated" | "critical";
                    /** @enum {string} */
                    to: "standard" | "elevated" | "critical";
                };
                role?: {
                    /** @enum {string} */
                    from: "triage" | "agent" | "lead" | "admin" | "auditor";
                    /** @enum {string} */
                    to: "triage" | "agent" | "lead" | "admin" | "auditor";
                };
                access?: {
                    from: number | null;
                    to: number;
                };
                elevation?: {
                    id: string;
                    /** @enum {string} */
                    role: "triage" | "agent" | "lead" | "admin" | "auditor";
                    endsAt: number;
                };
                template?: {
                    id: string;
                    replaced: string;
                };
                ground?: {
                    reasonCode: string;
                    replaced: string;
                };
                standing?: {
                    reporterId: string;
                    /** @enum {string} */
                    change: "trusted_flagger_added" | "trusted_flagger_removed" | "warned" | "reporting_suspended" | "reporting_restored";
                    until?: number;
                    undoes?: string;
                    misuse?: {
                        unfounded: number;
                        decided: number;
                        total: number;
                        since: number;
                        windowMs: number;
                    };
                };
            };
        };
        "AuditEvent.action.delivered": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.delivered";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
            after: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
                applied: boolean;
                attempts: number;
                platformVersion: number;
            };
        };
        "AuditEvent.action.delivery_failed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.delivery_failed";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
            after: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
        };
        "AuditEvent.action.lapsed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.lapsed";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
            after: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
        };
        "AuditEvent.action.voided": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.voided";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
            after: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
                rules: {
                    id: string;
                    /** @enum {string} */
                    effect: "permit" | "forbid";
                    reason: string;
                }[];
                policyVersion?: string;
                approvals?: {
                    id: number;
                    approverId: string;
                }[];
                notCounted?: {
                    id: number;
                    approverId: string;
                    why: string;
                }[];
            } | {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
        };
        "AuditEvent.action.expired": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "action.expired";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            };
            after: {
                /** @enum {string} */
                state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
                rules: {
                    id: string;
                    /** @enum {string} */
                    effect: "permit" | "forbid";
                    reason: string;
                }[];
                policyVersion?: string;
                approvals?: {
                    id: number;
                    approverId: string;
                }[];
                notCounted?: {
                    id: number;
                    approverId: string;
                    why: string;
                }[];
            };
        };
        "AuditEvent.alert.raised": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "alert.raised";
            subject: {
                /** @enum {string} */
                type: "alert";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                kind: "delivery_failed" | "unauthorized_change" | "platform_unreachable" | "platform_reachable" | "appeal_overdue" | "statement_refused";
                /** @enum {string} */
                severity: "info" | "warning" | "critical";
                subject: {
                    type: string;
                    id: string;
                };
                summary: string;
                details: {
                    [key: string]: unknown;
                };
            };
        };
        "AuditEvent.alert.acknowledged": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "alert.acknowledged";
            subject: {
                /** @enum {string} */
                type: "alert";
                id: string;
            };
            before: {
                acknowledgedAt: null;
            };
            after: {
                acknowledgedAt: number;
                acknowledgedBy: string;
            };
        };
        "AuditEvent.alert.delivery_failed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "alert.delivery_failed";
            subject: {
                /** @enum {string} */
                type: "alert";
                id: string;
            };
            before: null;
            after: {
                attempts: number;
            };
        };
        "AuditEvent.appeal.filed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "appeal.filed";
            subject: {
                /** @enum {string} */
                type: "appeal";
                id: string;
            };
            before: null;
            after: {
                appellant: {
                    /** @enum {string} */
                    kind: "owner" | "reporter";
                    id: string;
                };
                accountId: string;
                actionId: string | null;
                originalCaseId: number | null;
                reportId: number | null;
                caseId: number;
                deadlineAt: number;
                statement: string;
            };
        };
        "AuditEvent.appeal.decision_refused": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "appeal.decision_refused";
            subject: {
                /** @enum {string} */
                type: "appeal";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                outcome: "granted" | "denied";
                rules: {
                    id: string;
                    /** @enum {string} */
                    effect: "permit" | "forbid";
                    reason: string;
                }[];
                ineligible: {
                    staffId: string;
                    /** @enum {string} */
                    role: "proposer" | "approver" | "resolver" | "dependent";
                    why: string;
                }[];
            };
        };
        "AuditEvent.appeal.decided": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "appeal.decided";
            subject: {
                /** @enum {string} */
                type: "appeal";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "open";
            };
            after: {
                /** @enum {string} */
                state: "granted" | "denied";
                rules: {
                    id: string;
                    /** @enum {string} */
                    effect: "permit" | "forbid";
                    reason: string;
                }[];
                reversalActionId: string | null;
                reconsideredCaseId: number | null;
                strikeReversed: boolean;
            };
        };
        "AuditEvent.appeal.reversal_executed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "appeal.reversal_executed";
            subject: {
                /** @enum {string} */
                type: "appeal";
                id: string;
            };
            before: null;
            after: {
                reversalActionId: string;
                actionId: string;
                strikeReversed: boolean;
            };
        };
        "AuditEvent.appeal.overdue": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "appeal.overdue";
            subject: {
                /** @enum {string} */
                type: "appeal";
                id: string;
            };
            before: null;
            after: {
                alertId: number;
                filedAt: number;
                decideWithinMs: number;
            };
        };
        "AuditEvent.bulk.proposed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "bulk.proposed";
            subject: {
                /** @enum {string} */
                type: "bulk";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                kind: "warn" | "limit" | "lock" | "suspend" | "deactivate" | "restore";
                /** @enum {string} */
                reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
                targets: number;
                restoresBulkId: string | null;
            };
        };
        "AuditEvent.bulk.completed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "bulk.completed";
            subject: {
                /** @enum {string} */
                type: "bulk";
                id: string;
            };
            before: null;
            after: {
                executed: number;
                waiting: number;
                refused: number;
            };
        };
        "AuditEvent.case.opened": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.opened";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: null;
            after: {
                accountId: string;
                /** @enum {string} */
                queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                /** @enum {string} */
                area: "spam" | "safety" | "authenticity" | "integrity" | "general";
                /** @enum {string} */
                tier: "standard" | "elevated" | "critical";
            };
        };
        "AuditEvent.case.claimed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.claimed";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: null;
            after: {
                claimedBy: string;
                leaseUntil: number;
            };
        };
        "AuditEvent.case.lease_renewed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.lease_renewed";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: {
                leaseUntil: number | null;
            };
            after: {
                leaseUntil: number;
            };
        };
        "AuditEvent.case.released": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.released";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: {
                claimedBy: string | null;
            };
            after: {
                claimedBy: null;
            };
        };
        "AuditEvent.case.resolved": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.resolved";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: {
                /** @enum {string} */
                status: "open" | "claimed" | "resolved";
            };
            after: {
                /** @enum {string} */
                status: "open" | "claimed" | "resolved";
                /** @enum {string} */
                resolution: "actioned" | "no_violation" | "brigade_dismissed" | "duplicate" | "appeal_granted" | "appeal_denied";
            };
        };
        "AuditEvent.case.rerouted": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.rerouted";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: {
                /** @enum {string} */
                queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                claimedBy: string | null;
            } | {
                /** @enum {string} */
                queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                /** @enum {string} */
                area: "spam" | "safety" | "authenticity" | "integrity" | "general";
            };
            after: {
                /** @enum {string} */
                queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                claimedBy: string | null;
                /** @enum {string} */
                tier: "standard" | "elevated" | "critical";
            } | {
                /** @enum {string} */
                queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                /** @enum {string} */
                area: "spam" | "safety" | "authenticity" | "integrity" | "general";
            } | {
                /** @enum {string} */
                queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
            };
        };
        "AuditEvent.case.commented": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.commented";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: null;
            after: {
                commentId: number;
                body: string;
            };
        };
        "AuditEvent.case.lease_expired": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.lease_expired";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: {
                claimedBy: string | null;
                leaseUntil: number | null;
            };
            after: {
                claimedBy: null;
            };
        };
        "AuditEvent.case.claim_voided": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.claim_voided";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: {
                claimedBy: string;
            };
            after: {
                claimedBy: null;
            };
        };
        "AuditEvent.case.reopened": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.reopened";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: {
                /** @enum {string} */
                status: "open" | "claimed" | "resolved";
                /** @enum {string|null} */
                resolution: "actioned" | "no_violation" | "brigade_dismissed" | "duplicate" | "appeal_granted" | "appeal_denied" | null;
            };
            after: {
                /** @enum {string} */
                status: "open" | "claimed" | "resolved";
                /** @enum {string} */
                queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                appealId: string;
            };
        };
        "AuditEvent.case.brigade_flagged": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "case.brigade_flagged";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: null;
            after: {
                velocity: number;
                windowMs: number;
                threshold: number;
            };
        };
        "AuditEvent.reports.received": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "reports.received";
            subject: {
                /** @enum {string} */
                type: "reports";
                id: string;
            };
            before: null;
            after: {
                first: number;
                last: number;
                count: number;
                duplicates: number;
                byCategory: {
                    spam?: number;
                    harassment?: number;
                    hate?: number;
                    impersonation?: number;
                    violent_threat?: number;
                    self_harm?: number;
                    child_safety?: number;
                    misinformation?: number;
                    other?: number;
                };
                trustedFlagger?: number;
                ignored?: number;
            };
        };
        "AuditEvent.staff.enrolment_started": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.enrolment_started";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                enrolmentId: string;
                issuedBy: string;
                expiresAt: number;
                sentTo: string;
            };
        };
        "AuditEvent.staff.enrolment_sent": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.enrolment_sent";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                enrolmentId: string;
                to: string;
                attempts: number;
            };
        };
        "AuditEvent.staff.enrolment_undelivered": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.enrolment_undelivered";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                enrolmentId: string;
                attempts: number;
            };
        };
        "AuditEvent.staff.enrolment_redeemed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.enrolment_redeemed";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                enrolmentId: string;
                issuedBy: string;
                tokenId: string;
                passwordSet: boolean;
                totpEnrolled: boolean;
                address: string;
            };
        };
        "AuditEvent.staff.enrolment_redeem_failed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.enrolment_redeem_failed";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            } | {
                /** @enum {string} */
                type: "enrolment";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                why: "malformed" | "unknown" | "wrong_secret" | "redeemed" | "revoked" | "expired" | "no_access" | "raced";
                address: string;
                enrolmentId?: string;
            };
        };
        "AuditEvent.staff.enrolment_revoked": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.enrolment_revoked";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                enrolmentId: string;
            };
        };
        "AuditEvent.staff.token_revoked": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.token_revoked";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                tokenId: string;
                label: string;
            };
        };
        "AuditEvent.staff.bootstrapped": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.bootstrapped";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                role: "triage" | "agent" | "lead" | "admin" | "auditor";
                adminsBefore: number;
            };
        };
        "AuditEvent.notice.queued": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "notice.queued";
            subject: {
                /** @enum {string} */
                type: "notice";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                subject: "enforcement" | "report_outcome" | "appeal_outcome";
                recipient: {
                    /** @enum {string} */
                    kind: "owner" | "reporter";
                    id: string;
                };
                accountId: string | null;
                actionId: string | null;
                caseId: number | null;
                appealId: string | null;
                batchId: string;
            };
        };
        "AuditEvent.notice.outcomes_recorded": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "notice.outcomes_recorded";
            subject: {
                /** @enum {string} */
                type: "case";
                id: string;
            };
            before: null;
            after: {
                actionTaken: boolean;
                noticeIds: string[];
                contestDeadline: number | null;
            };
        };
        "AuditEvent.notice.batch_queued": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "notice.batch_queued";
            subject: {
                /** @enum {string} */
                type: "notice_batch";
                id: string;
            };
            before: null;
            after: {
                recipient: {
                    /** @enum {string} */
                    kind: "owner" | "reporter";
                    id: string;
                };
                noticeIds: string[];
            };
        };
        "AuditEvent.notice.delivered": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "notice.delivered";
            subject: {
                /** @enum {string} */
                type: "notice_batch";
                id: string;
            };
            before: null;
            after: {
                noticeIds: string[];
                /** @enum {string} */
                language: "en" | "de";
                stored: boolean;
                attempts: number;
            };
        };
        "AuditEvent.notice.delivery_failed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "notice.delivery_failed";
            subject: {
                /** @enum {string} */
                type: "notice_batch";
                id: string;
            };
            before: null;
            after: {
                noticeIds: string[];
                attempts: number;
            };
        };
        "AuditEvent.notification.preferences_set": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "notification.preferences_set";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: {
                /** @description the webhook's origin */
                webhook: string | null;
                /** @description the Slack webhook's host */
                slack: string | null;
                modes: {
                    /** @enum {string} */
                    approval_requested: "immediate" | "digest" | "off";
                    /** @enum {string} */
                    proposal_decided: "immediate" | "digest" | "off";
                    /** @enum {string} */
                    appeal_filed: "immediate" | "digest" | "off";
                    /** @enum {string} */
                    alert_raised: "immediate" | "digest" | "off";
                };
            } | null;
            after: {
                /** @description the webhook's origin */
                webhook: string | null;
                /** @description the Slack webhook's host */
                slack: string | null;
                modes: {
                    /** @enum {string} */
                    approval_requested: "immediate" | "digest" | "off";
                    /** @enum {string} */
                    proposal_decided: "immediate" | "digest" | "off";
                    /** @enum {string} */
                    appeal_filed: "immediate" | "digest" | "off";
                    /** @enum {string} */
                    alert_raised: "immediate" | "digest" | "off";
                };
            };
        };
        "AuditEvent.notification.delivery_failed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "notification.delivery_failed";
            subject: {
                /** @enum {string} */
                type: "staff_message";
                id: string;
            };
            before: null;
            after: {
                staffId: string;
                notificationIds: string[];
                attempts: number;
            };
        };
        "AuditEvent.policy.activated": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "policy.activated";
            subject: {
                /** @enum {string} */
                type: "policy";
                id: string;
            };
            before: {
                version: string;
            } | null;
            after: {
                version: string;
                files: string[];
            };
        };
        "AuditEvent.policy.frozen": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "policy.frozen";
            subject: {
                /** @enum {string} */
                type: "setting";
                id: string;
            };
            before: {
                on: boolean;
            };
            after: {
                on: boolean;
            };
        };
        "AuditEvent.policy.unfrozen": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "policy.unfrozen";
            subject: {
                /** @enum {string} */
                type: "setting";
                id: string;
            };
            before: {
                on: boolean;
            };
            after: {
                on: boolean;
            };
        };
        "AuditEvent.reporter.standing_changed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "reporter.standing_changed";
            subject: {
                /** @enum {string} */
                type: "reporter";
                id: string;
            };
            before: {
                trustedFlagger: boolean;
                warnedAt: number | null;
                suspendedUntil: number | null;
            };
            after: {
                trustedFlagger: boolean;
                warnedAt: number | null;
                suspendedUntil: number | null;
                /** @enum {string} */
                change: "trusted_flagger_added" | "trusted_flagger_removed" | "warned" | "reporting_suspended" | "reporting_restored";
                actionId: string;
            };
        };
        "AuditEvent.reporter.misuse_threshold_reached": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "reporter.misuse_threshold_reached";
            subject: {
                /** @enum {string} */
                type: "reporter";
                id: string;
            };
            before: null;
            after: {
                misuse: {
                    unfounded: number;
                    decided: number;
                    total: number;
                    since: number;
                    windowMs: number;
                };
                suggestedActionId: string | null;
                rules: {
                    id: string;
                    /** @enum {string} */
                    effect: "permit" | "forbid";
                    reason: string;
                }[];
            };
        };
        "AuditEvent.reporter.reports_ignored": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "reporter.reports_ignored";
            subject: {
                /** @enum {string} */
                type: "reporter";
                id: string;
            };
            before: null;
            after: {
                reportIds: number[];
                suspendedUntil: number;
                byActionId: string;
            };
        };
        "AuditEvent.session.login": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "session.login";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                sessionId: string;
                /** @enum {string} */
                method: "password" | "oidc";
                address: string;
                userAgent: string;
                expiresAt: number;
            };
        };
        "AuditEvent.session.login_refused": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "session.login_refused";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                accessState: "active" | "not_yet" | "ended" | "offboarded";
                /** @enum {string} */
                method: "password" | "oidc";
                address: string;
            };
        };
        "AuditEvent.session.login_failed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "session.login_failed";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            } | {
                /** @enum {string} */
                type: "login";
                id: string;
            };
            before: null;
            after: {
                /** @enum {string} */
                why: "unknown_email" | "no_credentials" | "wrong_password" | "wrong_totp" | "totp_replayed" | "oidc_refused";
                address: string;
                userAgent: string;
                detail?: string;
            };
        };
        "AuditEvent.session.logout": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "session.logout";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                sessionId: string;
                /** @enum {string} */
                reason: "idle" | "expired" | "access_ended" | "offboarded" | "logged_out";
            };
        };
        "AuditEvent.session.ended": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "session.ended";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                sessionId: string;
                /** @enum {string} */
                reason: "idle" | "expired" | "access_ended" | "offboarded" | "logged_out";
            };
        };
        "AuditEvent.session.step_up": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "session.step_up";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                sessionId: string;
                stepUpUntil: number;
            };
        };
        "AuditEvent.session.step_up_failed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "session.step_up_failed";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                sessionId: string;
                /** @enum {string} */
                why: "unknown_email" | "no_credentials" | "wrong_password" | "wrong_totp" | "totp_replayed" | "oidc_refused";
                address: string;
            };
        };
        "AuditEvent.staff.password_set": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.password_set";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: null;
        };
        "AuditEvent.staff.totp_enrolled": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.totp_enrolled";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: null;
        };
        "AuditEvent.staff.created": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.created";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                id: string;
                name: string;
                email: string;
                /** @enum {string} */
                role: "triage" | "agent" | "lead" | "admin" | "auditor";
                /** @enum {string} */
                employment: "employee" | "contractor";
                access: {
                    from: number;
                    until: number | null;
                };
                offboardedAt: number | null;
                createdAt: number;
            };
        };
        "AuditEvent.staff.token_issued": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.token_issued";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                tokenId: string;
                label: string;
                issuedBy: string;
                enrolmentId?: string;
            };
        };
        "AuditEvent.staff.offboarded": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.offboarded";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: {
                accessUntil: number | null;
            };
            after: {
                accessUntil: number;
                offboardedAt: number;
            };
        };
        "AuditEvent.staff.access_ended": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.access_ended";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                accessUntil: number;
            };
        };
        "AuditEvent.staff.access_revoked": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "staff.access_revoked";
            subject: {
                /** @enum {string} */
                type: "staff";
                id: string;
            };
            before: null;
            after: {
                staffId: string;
                tokensRevoked: number;
                actionsVoided: string[];
                approvalsVoided: number[];
                claimsReleased: number[];
                elevationsRevoked: number;
                sessionsEnded: string[];
            };
        };
        "AuditEvent.statement.recorded": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "statement.recorded";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: null;
            after: {
                puid: string;
                /** @enum {string} */
                sourceType: "SOURCE_ARTICLE_16" | "SOURCE_TRUSTED_FLAGGER" | "SOURCE_TYPE_OTHER_NOTIFICATION" | "SOURCE_VOLUNTARY";
                /** @enum {string} */
                automatedDecision: "AUTOMATED_DECISION_FULLY" | "AUTOMATED_DECISION_PARTIALLY" | "AUTOMATED_DECISION_NOT_AUTOMATED";
                /** @enum {string} */
                decisionGround: "DECISION_GROUND_ILLEGAL_CONTENT" | "DECISION_GROUND_INCOMPATIBLE_CONTENT";
                category: string;
                sent: boolean;
            };
        };
        "AuditEvent.statement.batch_queued": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "statement.batch_queued";
            subject: {
                /** @enum {string} */
                type: "statement_batch";
                id: string;
            };
            before: null;
            after: {
                puids: string[];
            };
        };
        "AuditEvent.statement.delivered": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "statement.delivered";
            subject: {
                /** @enum {string} */
                type: "statement_batch";
                id: string;
            };
            before: null;
            after: {
                statements: {
                    puid: string;
                    uuid: string | null;
                    existing: boolean;
                }[];
                attempts: number;
            };
        };
        "AuditEvent.statement.refused": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "statement.refused";
            subject: {
                /** @enum {string} */
                type: "action";
                id: string;
            };
            before: null;
            after: {
                batchId: string;
                fields: {
                    [key: string]: string[];
                };
            };
        };
        "AuditEvent.statement.delivery_failed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "statement.delivery_failed";
            subject: {
                /** @enum {string} */
                type: "statement_batch";
                id: string;
            };
            before: null;
            after: {
                puids: string[];
                attempts: number;
            };
        };
        "AuditEvent.strike.recorded": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "strike.recorded";
            subject: {
                /** @enum {string} */
                type: "account";
                id: string;
            };
            before: null;
            after: {
                strikeId: number;
                actionId: string;
                expiresAt: number;
                liveStrikes: number;
            };
        };
        "AuditEvent.strike.reversed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "strike.reversed";
            subject: {
                /** @enum {string} */
                type: "account";
                id: string;
            };
            before: {
                strikeId: number;
                actionId: string;
                reversedAt: null;
            };
            after: {
                reversedAt: number;
                byActionId: string | null;
                appealId: string;
                liveStrikes: number;
            };
        };
        "AuditEvent.strike.threshold_reached": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "strike.threshold_reached";
            subject: {
                /** @enum {string} */
                type: "account";
                id: string;
            };
            before: null;
            after: {
                liveStrikes: number;
                threshold: number;
                suggestedActionId: string | null;
                rules: {
                    id: string;
                    /** @enum {string} */
                    effect: "permit" | "forbid";
                    reason: string;
                }[];
            };
        };
        "AuditEvent.tripwire.drift_detected": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "tripwire.drift_detected";
            subject: {
                /** @enum {string} */
                type: "account";
                id: string;
            };
            before: {
                expected: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                };
                platformVersion: number;
            };
            after: {
                observed: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                };
                version: number;
                changedAt: number;
                /** @enum {string} */
                via: "webhook" | "reconciliation";
                /** @enum {string} */
                response: "revert" | "alert" | "ignore";
                driftId: number;
                evidence: {
                    [key: string]: unknown;
                };
            };
        };
        "AuditEvent.tripwire.reverted": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "tripwire.reverted";
            subject: {
                /** @enum {string} */
                type: "account";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "detected" | "reverted" | "revert_failed" | "alerted" | "superseded";
                platform: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                    version: number;
                };
            };
            after: {
                /** @enum {string} */
                state: "detected" | "reverted" | "revert_failed" | "alerted" | "superseded";
                driftId: number;
                restoredTo: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                } | null;
                platform: {
                    id: string;
                    handle: string;
                    displayName: string;
                    followers: number;
                    verified: boolean;
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                    version: number;
                    updatedAt: number;
                    language?: string;
                } | null;
                revertVersion: number | null;
                idempotencyKey: string;
            };
        };
        "AuditEvent.tripwire.revert_failed": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "tripwire.revert_failed";
            subject: {
                /** @enum {string} */
                type: "account";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "detected" | "reverted" | "revert_failed" | "alerted" | "superseded";
                platform: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                    version: number;
                };
            };
            after: {
                /** @enum {string} */
                state: "detected" | "reverted" | "revert_failed" | "alerted" | "superseded";
                driftId: number;
                restoredTo: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                } | null;
                platform: {
                    id: string;
                    handle: string;
                    displayName: string;
                    followers: number;
                    verified: boolean;
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                    version: number;
                    updatedAt: number;
                    language?: string;
                } | null;
                revertVersion: number | null;
                idempotencyKey: string;
            };
        };
        "AuditEvent.tripwire.superseded": {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            action: "tripwire.superseded";
            subject: {
                /** @enum {string} */
                type: "account";
                id: string;
            };
            before: {
                /** @enum {string} */
                state: "detected" | "reverted" | "revert_failed" | "alerted" | "superseded";
                platform: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                    version: number;
                };
            };
            after: {
                /** @enum {string} */
                state: "detected" | "reverted" | "revert_failed" | "alerted" | "superseded";
                driftId: number;
                restoredTo: {
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                } | null;
                platform: {
                    id: string;
                    handle: string;
                    displayName: string;
                    followers: number;
                    verified: boolean;
                    /** @enum {string} */
                    status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                    statusUntil: number | null;
                    version: number;
                    updatedAt: number;
                    language?: string;
                } | null;
                revertVersion: number | null;
                idempotencyKey: string;
            };
        };
        /** @description an entry the catalog does not describe (written by an earlier version, or behind Warden’s back): shown unchanged */
        UncataloguedAuditEntry: {
            seq: number;
            at: number;
            actor: {
                /** @enum {string} */
                kind: "staff" | "system" | "service";
                id: string;
            };
            reason: string | null;
            action: string;
            subject: {
                type: string;
                id: string;
            };
            before?: unknown;
            after?: unknown;
            /** @enum {boolean} */
            catalogued: false;
        };
        Bulk: {
            id: string;
            /** @enum {string} */
            kind: "warn" | "limit" | "lock" | "suspend" | "deactivate" | "restore";
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            justification: string;
            proposerId: string;
            proposedAt: number;
            restoresBulkId: string | null;
            targets: number;
            executed: number;
            waiting: number;
            refused: number;
        };
        BulkTarget: {
            accountId: string;
            actionId: string | null;
            /** @enum {string} */
            outcome: "executed" | "waiting" | "refused";
            /** @description waiting: what the policy still demands; refused: the rule or the problem */
            why: string | null;
        };
        BulkProposal: {
            /** @enum {string} */
            kind: "warn";
            /** @description the accounts, each judged and proposed on its own */
            targetIds: string[];
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @description one written justification for every target (at least 10 characters) */
            justification: string;
            /** @description enforcement on a standard account: record a strike, live for this many days from execution */
            strike?: {
                expiresInDays: number;
            };
        } | {
            /** @enum {string} */
            kind: "limit";
            /** @description the accounts, each judged and proposed on its own */
            targetIds: string[];
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @description one written justification for every target (at least 10 characters) */
            justification: string;
            /** @description enforcement on a standard account: record a strike, live for this many days from execution */
            strike?: {
                expiresInDays: number;
            };
        } | {
            /** @enum {string} */
            kind: "lock";
            /** @description the accounts, each judged and proposed on its own */
            targetIds: string[];
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @description one written justification for every target (at least 10 characters) */
            justification: string;
            /** @description enforcement on a standard account: record a strike, live for this many days from execution */
            strike?: {
                expiresInDays: number;
            };
        } | {
            /** @enum {string} */
            kind: "suspend";
            /** @description the accounts, each judged and proposed on its own */
            targetIds: string[];
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @description one written justification for every target (at least 10 characters) */
            justification: string;
            /** @description suspend: how long */
            durationMs: number;
            /** @description enforcement on a standard account: record a strike, live for this many days from execution */
            strike?: {
                expiresInDays: number;
            };
        } | {
            /** @enum {string} */
            kind: "deactivate";
            /** @description the accounts, each judged and proposed on its own */
            targetIds: string[];
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @description one written justification for every target (at least 10 characters) */
            justification: string;
            /** @description enforcement on a standard account: record a strike, live for this many days from execution */
            strike?: {
                expiresInDays: number;
            };
        };
        BulkRestore: {
            /**
             * @default error_correction
             * @enum {string}
             */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @description why the bulk is undone (at least 10 characters) */
            justification: string;
        };
        Decision: {
            allowed: boolean;
            rules: components["schemas"]["RuleHit"][];
            policyVersion: string;
        };
        RuleHit: {
            id: string;
            /** @enum {string} */
            effect: "permit" | "forbid";
            reason: string;
        };
        Proposal: {
            /** @enum {string} */
            kind: "warn";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description enforcement on a standard account: record a strike, live for this many days from execution */
            strike?: {
                expiresInDays: number;
            };
        } | {
            /** @enum {string} */
            kind: "limit";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description enforcement on a standard account: record a strike, live for this many days from execution */
            strike?: {
                expiresInDays: number;
            };
        } | {
            /** @enum {string} */
            kind: "lock";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description enforcement on a standard account: record a strike, live for this many days from execution */
            strike?: {
                expiresInDays: number;
            };
        } | {
            /** @enum {string} */
            kind: "suspend";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description suspend: how long */
            durationMs: number;
            /** @description enforcement on a standard account: record a strike, live for this many days from execution */
            strike?: {
                expiresInDays: number;
            };
        } | {
            /** @enum {string} */
            kind: "deactivate";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description enforcement on a standard account: record a strike, live for this many days from execution */
            strike?: {
                expiresInDays: number;
            };
        } | {
            /** @enum {string} */
            kind: "restore";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description restore: the action to undo (default: the latest executed change on the account) */
            restoresActionId?: string;
        } | {
            /** @enum {string} */
            kind: "set_tier";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @enum {string} */
            tier: "standard" | "elevated" | "critical";
        } | {
            /** @enum {string} */
            kind: "grant_role";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @enum {string} */
            role: "triage" | "agent" | "lead" | "admin" | "auditor";
        } | {
            /** @enum {string} */
            kind: "elevate";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /**
             * @description elevate: the role it gives for a while
             * @enum {string}
             */
            role: "triage" | "agent" | "lead" | "admin" | "auditor";
            /** @description elevate: for how many hours */
            hours: number;
        } | {
            /** @enum {string} */
            kind: "set_access";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description set_access: the new end of a staff member's access window (epoch ms, exclusive): a contract extended or cut short */
            accessUntil: number;
        } | {
            /** @enum {string} */
            kind: "change_policy";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description change_policy: the complete new policy set, file name → Cedar text */
            policyFiles: {
                [key: string]: string;
            };
        } | {
            /** @enum {string} */
            kind: "set_notice_template";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description set_notice_template: the title; placeholders {account}, {restriction}, … */
            templateTitle: string;
            /** @description set_notice_template: the policy ground in public words */
            templateGround: string;
            /** @description set_notice_template: the text; must contain {restriction}, {ground} and {appeal} */
            templateBody: string;
        } | {
            /** @enum {string} */
            kind: "set_decision_ground";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /**
             * @description set_decision_ground: illegal content, or content incompatible with the terms and conditions
             * @enum {string}
             */
            decisionGround: "DECISION_GROUND_ILLEGAL_CONTENT" | "DECISION_GROUND_INCOMPATIBLE_CONTENT";
            /** @description set_decision_ground: the legal ground (illegal content) or the contractual ground (incompatible content) relied on */
            groundReference: string;
            /** @description set_decision_ground: why the content is illegal, or incompatible, on that ground */
            groundExplanation: string;
            /**
             * @description set_decision_ground: incompatible content that is also considered illegal
             * @default false
             */
            alsoIllegal: boolean;
        } | {
            /** @enum {string} */
            kind: "add_trusted_flagger";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description add_trusted_flagger: the trusted flagger as the Digital Services Coordinator awarded the status */
            flaggerName: string;
            /** @description add_trusted_flagger: the organisation, if it is not the name */
            organisation?: string;
        } | {
            /** @enum {string} */
            kind: "remove_trusted_flagger";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
        } | {
            /** @enum {string} */
            kind: "warn_reporter";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
        } | {
            /** @enum {string} */
            kind: "suspend_reporting";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description suspend_reporting: how long their reports are ignored */
            durationMs: number;
        } | {
            /** @enum {string} */
            kind: "restore_reporting";
            /** @description account id, staff id, "active" for the policy set, <reasonCode>:<language> for a notice template, a reason code for its decision ground, or a reporter id */
            targetId: string;
            /** @description the case this acts on (its account must be the target) */
            caseId?: number;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            /** @default  */
            justification: string;
            /** @description execute no earlier than this instant (epoch ms); at most a year ahead (judged at proposal) */
            scheduledFor?: number;
            /** @description restore_reporting: the warning or suspension of reporting it undoes */
            restoresActionId: string;
        };
        Action: {
            id: string;
            /** @enum {string} */
            kind: "warn" | "limit" | "lock" | "suspend" | "deactivate" | "restore" | "set_tier" | "change_policy" | "grant_role" | "elevate" | "set_access" | "set_notice_template" | "set_decision_ground" | "add_trusted_flagger" | "remove_trusted_flagger" | "warn_reporter" | "suspend_reporting" | "restore_reporting";
            /** @enum {string} */
            targetType: "account" | "staff" | "policy" | "reporter";
            targetId: string;
            caseId: number | null;
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            justification: string;
            params: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            state: "proposed" | "awaiting_approval" | "approved" | "scheduled" | "executed" | "delivered" | "rejected" | "voided" | "expired" | "failed" | "lapsed";
            proposer: {
                /** @enum {string} */
                kind: "staff" | "system";
                id: string;
            };
            proposedAt: number;
            scheduledFor: number | null;
            expiresAt: number;
            priorState: {
                status: string;
                statusUntil: number | null;
            } | null;
            resultState: {
                status: string;
                statusUntil: number | null;
            } | null;
            executedAt: number | null;
            deliveredAt: number | null;
            closedReason: string | null;
            reversesActionId: string | null;
            policyVersion: string;
            lastDecision: components["schemas"]["Decision"] | null;
            followers: number;
            updatedAt: number;
        };
        ActionBrief: {
            /** @description the instant this brief describes */
            at: number;
            effect: components["schemas"]["BriefEffect"];
            /** @enum {string} */
            reasonCode: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "compromised_account" | "legal_request" | "appeal_granted" | "error_correction" | "suspension_ended" | "access_management" | "policy_maintenance" | "repeated_violations";
            justification: string;
            /** @description the target account (account kinds) */
            account: {
                id: string;
                handle: string;
                displayName: string;
                verified: boolean;
                /** @enum {string} */
                tier: "standard" | "elevated" | "critical";
                /** @enum {string} */
                status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                statusUntil: number | null;
                /** @description reach now */
                followers: number;
                /** @description reach the policy was asked about when it was proposed */
                followersAtProposal: number;
            } | null;
            /** @description the target staff member (grant_role, elevate, set_access) */
            staff: {
                id: string;
                name: string;
                /**
                 * @description the role they act with at this instant, an elevation included
                 * @enum {string}
                 */
                role: "triage" | "agent" | "lead" | "admin" | "auditor";
                /**
                 * @description their role without any elevation
                 * @enum {string}
                 */
                baseRole: "triage" | "agent" | "lead" | "admin" | "auditor";
                /** @enum {string} */
                employment: "employee" | "contractor";
                /** @description when their access ends (epoch ms, exclusive); null: no end date */
                accessUntil: number | null;
                /** @enum {string} */
                accessState: "active" | "not_yet" | "ended" | "offboarded";
            } | null;
            /** @description change_policy: how the proposed set differs from the one in force */
            policy: {
                fromVersion: string;
                /** @description null when the proposed set no longer loads */
                toVersion: string | null;
                files: string[];
                added: components["schemas"]["BriefRule"][];
                /** @description rules whose reason differs; the new reason */
                changed: components["schemas"]["BriefRule"][];
                /** @description rules the proposed set drops; the reason they had */
                removed: components["schemas"]["BriefRule"][];
                problem: string | null;
            } | null;
            /** @description the case the action is attached to, whatever its state or claimant */
            case: {
                id: number;
                accountId: string;
                /** @enum {string} */
                status: "open" | "claimed" | "resolved";
                /** @enum {string} */
                queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                priority: number;
                claimedBy: string | null;
                claimedByProposer: boolean;
                /** @enum {string|null} */
                resolution: "actioned" | "no_violation" | "brigade_dismissed" | "duplicate" | "appeal_granted" | "appeal_denied" | null;
                openedAt: number;
                lastReportAt: number;
                /** @description every report on the case, duplicates included */
                reportCount: number;
                countedReports: number;
                distinctReporters: number;
                /** @description the reports look like a coordinated campaign */
                brigade: boolean;
                /** @description every report, by category, most first */
                categories: {
                    /** @enum {string} */
                    category: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "other";
                    count: number;
                }[];
                /** @description the first 20 reports, oldest first */
                reports: components["schemas"]["BriefReport"][];
            } | null;
            /** @description why the attached case is not shown to this viewer */
            caseWithheld: string | null;
            /** @description up to 5 other unresolved cases on the account */
            otherCases: {
                id: number;
                /** @enum {string} */
                status: "open" | "claimed" | "resolved";
                /** @enum {string} */
                queue: "spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals";
                reportCount: number;
                claimedBy: string | null;
            }[];
            /** @description null when Warden itself proposed it (a suspension ending) */
            proposer: {
                id: string;
                name: string;
                /**
                 * @description the role they act with at this instant, an elevation included
                 * @enum {string}
                 */
                role: "triage" | "agent" | "lead" | "admin" | "auditor";
                /**
                 * @description their role without any elevation
                 * @enum {string}
                 */
                baseRole: "triage" | "agent" | "lead" | "admin" | "auditor";
                /** @enum {string} */
                employment: "employee" | "contractor";
                /** @description when their access ends (epoch ms, exclusive); null: no end date */
                accessUntil: number | null;
                /** @enum {string} */
                accessState: "active" | "not_yet" | "ended" | "offboarded";
            } | null;
        };
        BriefEffect: {
            /** @enum {string} */
            kind: "warn" | "limit" | "lock" | "suspend" | "deactivate" | "restore" | "set_tier" | "change_policy" | "grant_role" | "elevate" | "set_access" | "set_notice_template" | "set_decision_ground" | "add_trusted_flagger" | "remove_trusted_flagger" | "warn_reporter" | "suspend_reporting" | "restore_reporting";
            /** @description what it does, in words: "suspend for 7 days, until 8 Dec 2026 14:00 UTC" */
            words: string;
            /**
             * @description the account's status after it (enforcement kinds)
             * @enum {string|null}
             */
            toStatus: "active" | "limited" | "locked" | "suspended" | "deactivated" | null;
            durationMs: number | null;
            /** @description a suspension or elevation: when it ends — if it took effect now (or at its scheduled time), or as it executed */
            endsAt: number | null;
            scheduledFor: number | null;
            restoreTo: {
                /** @enum {string} */
                status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                statusUntil: number | null;
            } | null;
            restoresActionId: string | null;
            /**
             * @description set_tier: the tier it sets
             * @enum {string|null}
             */
            tier: "standard" | "elevated" | "critical" | null;
            /**
             * @description grant_role, elevate: the role it gives
             * @enum {string|null}
             */
            role: "triage" | "agent" | "lead" | "admin" | "auditor" | null;
            hours: number | null;
            /** @description set_access: the new end of the person's access */
            accessUntil: number | null;
            /** @description set_notice_template: the template owners will be told from, as it would read */
            template: {
                title: string;
                ground: string;
                body: string;
            } | null;
            /** @description add_trusted_flagger: the trusted flagger it registers */
            flaggerName: string | null;
            /** @description warn_reporter, suspend_reporting: the reporter's record that justifies it, as Warden derived it at proposal */
            misuse: {
                unfounded: number;
                decided: number;
                total: number;
                since: number;
                windowMs: number;
            } | null;
        };
        BriefRule: {
            id: string;
            reason: string;
        };
        BriefReport: {
            id: number;
            receivedAt: number;
            reporterId: string;
            /** @enum {string} */
            category: "spam" | "harassment" | "hate" | "impersonation" | "violent_threat" | "self_harm" | "child_safety" | "misinformation" | "other";
            text: string;
            evidence: string[];
            /** @description repeats an earlier report by the same reporter; it does not count twice */
            duplicate: boolean;
        };
        Appeal: {
            id: string;
            /** @description the case in the appeals queue that works it: claim it to decide */
            caseId: number;
            appellant: {
                /** @enum {string} */
                kind: "owner" | "reporter";
                /** @description the account id (owner) or the reporter id */
                id: string;
            };
            accountId: string;
            /** @description owner appeals: the action contested */
            actionId: string | null;
            /** @description the case the decision was made in */
            originalCaseId: number | null;
            reportId: number | null;
            statement: string;
            /** @enum {string} */
            state: "open" | "granted" | "denied";
            filedAt: number;
            /** @description the last instant it could have been filed */
            deadlineAt: number;
            /** @description to be decided by this instant (appeals.decideWithinMs after filing); an open appeal past it is overdue, and alerted */
            decideBy: number;
            decidedAt: number | null;
            decidedBy: string | null;
            reasons: string | null;
            /** @description granted owner appeals: the restore proposed */
            reversalActionId: string | null;
            /** @description granted reporter appeals: the case the decision not to act is reconsidered in */
            reconsideredCaseId: number | null;
            overdueAlertId: number | null;
        };
        AppealInput: {
            /** @description the executed enforcement action contested */
            actionId: string;
            appellant: {
                /** @enum {string} */
                kind: "owner";
                /** @description the platform's id of the account the action was on */
                accountId: string;
            };
            /** @description the appellant's own words: why the decision is wrong */
            statement: string;
        } | {
            /** @description the case resolved without action */
            caseId?: number;
            /** @description or one of the reporter's reports folded into it */
            reportId?: number;
            /** @description or a warning or suspension of reporting taken against the reporter (DSA Art. 23) */
            actionId?: string;
            appellant: {
                /** @enum {string} */
                kind: "reporter";
                /** @description the platform's id of the reporting user */
                reporterId: string;
            };
            /** @description the appellant's own words: why the decision is wrong */
            statement: string;
        };
        AppealParticipant: {
            staffId: string;
            /** @enum {string} */
            role: "proposer" | "approver" | "resolver" | "dependent";
            why: string;
        };
        TransparencyReport: {
            period: {
                from: string;
                /** @description exclusive */
                to: string;
            };
            basis: {
                /** @description the audit log was read up to this many entries */
                auditSize: number;
                /** @description the chain hash of its last entry: an export holding it re-derives every figure */
                lastHash: string;
                /** @description the audit actions summed, and what each counts */
                counted: {
                    [key: string]: string;
                };
            };
            notices: {
                total: number;
                duplicates: number;
                byCategory: {
                    spam?: number;
                    harassment?: number;
                    hate?: number;
                    impersonation?: number;
                    violent_threat?: number;
                    self_harm?: number;
                    child_safety?: number;
                    misinformation?: number;
                    other?: number;
                };
                /** @description service: through the platform; staff: filed by Warden staff */
                bySource: {
                    [key: string]: number;
                };
                /** @description sent by registered trusted flaggers (Art. 22) */
                fromTrustedFlaggers: number;
                /** @description from reporters whose reporting was suspended for misuse (Art. 23): kept, acted on nowhere */
                ignored: number;
            };
            measures: {
                total: number;
                byKind: {
                    warn?: number;
                    limit?: number;
                    lock?: number;
                    suspend?: number;
                    deactivate?: number;
                };
                byReason: {
                    spam?: number;
                    harassment?: number;
                    hate?: number;
                    impersonation?: number;
                    violent_threat?: number;
                    self_harm?: number;
                    child_safety?: number;
                    misinformation?: number;
                    compromised_account?: number;
                    legal_request?: number;
                    appeal_granted?: number;
                    error_correction?: number;
                    suspension_ended?: number;
                    access_management?: number;
                    policy_maintenance?: number;
                    repeated_violations?: number;
                };
                onNotice: number;
                ownInitiative: number;
                proposedAutomatically: number;
                automatedShare: number;
                medianNoticeToMeasureMs: number | null;
                reversals: number;
            };
            appeals: {
                received: number;
                decided: number;
                overturned: number;
                upheld: number;
                medianTimeToDecisionMs: number | null;
            };
            /** @description trusted flaggers added and removed (Art. 22); reporters warned, suspended and restored for misuse (Art. 23): each an executed, approved action */
            reporters: {
                add_trusted_flagger?: number;
                remove_trusted_flagger?: number;
                warn_reporter?: number;
                suspend_reporting?: number;
                restore_reporting?: number;
            };
            statements: {
                /** @description statements of reasons recorded for the period's restrictions */
                total: number;
                byGround: {
                    DECISION_GROUND_ILLEGAL_CONTENT?: number;
                    DECISION_GROUND_INCOMPATIBLE_CONTENT?: number;
                };
                /** @description how the case arose, in the Transparency Database’s words (trusted flaggers’ notices apart) */
                bySource: {
                    SOURCE_ARTICLE_16?: number;
                    SOURCE_TRUSTED_FLAGGER?: number;
                    SOURCE_TYPE_OTHER_NOTIFICATION?: number;
                    SOURCE_VOLUNTARY?: number;
                };
                byAutomatedDecision: {
                    AUTOMATED_DECISION_FULLY?: number;
                    AUTOMATED_DECISION_PARTIALLY?: number;
                    AUTOMATED_DECISION_NOT_AUTOMATED?: number;
                };
            };
        };
        LeadMetrics: {
            period: {
                from: string;
                /** @description exclusive */
                to: string;
            };
            /** @description when the queue ages were read */
            at: string;
            /** @description what each figure measures, from and to what in the record */
            measured: {
                [key: string]: string;
            };
            firstReview: {
                all: components["schemas"]["MetricFigures"];
                byQueue: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
            };
            decision: {
                all: components["schemas"]["MetricFigures"];
                byReason: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
                byResolution: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
            };
            queueAge: {
                byQueue: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
            };
            approvalWait: {
                all: components["schemas"]["MetricFigures"];
                byKind: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
                byReason: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
                pending: {
                    count: number;
                    /** @description how long the oldest action awaiting approval has waited */
                    oldestMs: number | null;
                };
            };
            appeals: {
                all: components["schemas"]["AppealOutcomes"];
                decisionTime: components["schemas"]["MetricFigures"];
                byReason: {
                    decided: number;
                    overturned: number;
                    /** @description overturned / decided, to four places */
                    overturnRate: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
            };
            staff: {
                staffId: string;
                name: string | null;
                /** @description the cases they claimed first */
                firstReview: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                };
                /** @description the cases they resolved */
                decision: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                };
                /** @description from proposal to their own verdict */
                approval: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                };
                /** @description appeals against actions they proposed */
                appeals: {
                    decided: number;
                    overturned: number;
                    /** @description overturned / decided, to four places */
                    overturnRate: number | null;
                };
            }[];
        };
        MetricFigures: {
            count: number;
            medianMs: number | null;
            /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
            p90Ms: number | null;
            /** @description the longest; for queue age, the oldest case */
            maxMs: number | null;
        };
        AppealOutcomes: {
            decided: number;
            overturned: number;
            /** @description overturned / decided, to four places */
            overturnRate: number | null;
        };
        StaffMetrics: {
            period: {
                from: string;
                /** @description exclusive */
                to: string;
            };
            staff: {
                id: string;
                name: string;
                role: string;
            };
            firstReview: {
                all: components["schemas"]["MetricFigures"];
                byQueue: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
            };
            decision: {
                all: components["schemas"]["MetricFigures"];
                byReason: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
            };
            approval: {
                all: components["schemas"]["MetricFigures"];
                byKind: {
                    count: number;
                    medianMs: number | null;
                    /** @description the 90th percentile, interpolated between the two nearest durations (as percentile_cont) */
                    p90Ms: number | null;
                    /** @description the longest; for queue age, the oldest case */
                    maxMs: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
            };
            appeals: {
                all: components["schemas"]["AppealOutcomes"];
                byReason: {
                    decided: number;
                    overturned: number;
                    /** @description overturned / decided, to four places */
                    overturnRate: number | null;
                    /** @description the queue, reason code, kind, resolution or staff id */
                    key: string;
                }[];
            };
        };
        Alert: {
            id: number;
            /** @enum {string} */
            kind: "delivery_failed" | "unauthorized_change" | "platform_unreachable" | "platform_reachable" | "appeal_overdue" | "statement_refused";
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            subject: {
                type: string;
                id: string;
            };
            summary: string;
            details: {
                [key: string]: unknown;
            };
            createdAt: number;
            acknowledgedAt: number | null;
            acknowledgedBy: string | null;
        };
        AccountTimeline: {
            account: {
                id: string;
                handle: string;
                displayName: string;
                tier: string;
                status: string;
            };
            events: components["schemas"]["TimelineEvent"][];
            truncated: boolean;
        };
        TimelineEvent: {
            at: number;
            /** @description the audit entry (prove it: GET /v1/audit/proofs/inclusion?seq=…); null for a report */
            seq: number | null;
            event: string;
            subject: {
                type: string;
                id: string;
            };
            actor: components["schemas"]["ActorAtInstant"];
            summary: string;
            decision?: {
                allowed?: boolean;
                policyVersion?: string;
                rules: components["schemas"]["RuleRef"][];
            };
            reason: string | null;
            details: {
                before?: unknown;
                after?: unknown;
            };
        };
        /** @description who acted, with the role and access window they had at that instant */
        ActorAtInstant: {
            kind: string;
            id: string;
            name?: string;
            role?: string;
            employment?: string;
            access?: {
                from: number;
                until: number | null;
            };
            accessOpen?: boolean;
        };
        RuleRef: {
            id: string;
            effect?: string;
            reason: string;
        };
        ActionExplanation: {
            action: components["schemas"]["Action"];
            proposal: {
                at: number;
                by: components["schemas"]["ActorAtInstant"];
                policyVersion: string | null;
                rules: components["schemas"]["RuleRef"][];
                requirements: string[];
                seq: number | null;
            };
            outcome: {
                state: string;
                at: number;
                seq: number;
                policyVersion: string | null;
                rules: components["schemas"]["RuleRef"][];
                reason: string | null;
            } | null;
            approvals: {
                id: number;
                approver: components["schemas"]["ActorAtInstant"];
                /** @enum {string} */
                verdict: "approve" | "reject";
                at: number;
                comment: string;
                counted: boolean | null;
                why: string;
            }[];
            refusals: {
                at: number;
                seq: number;
                by: components["schemas"]["ActorAtInstant"];
                rules: components["schemas"]["RuleRef"][];
                dependence?: string;
            }[];
            now: {
                at: number;
                policyVersion: string;
                allowed: boolean;
                missing: string | null;
                rules: components["schemas"]["RuleRef"][];
                requirements: string[];
            } | null;
            entries: {
                seq: number | null;
                at: number;
                event: string;
                reason: string | null;
            }[];
        };
        AccessReview: {
            staff: {
                id: string;
                name: string;
                role: string;
                actingRole: string;
                employment: string;
                access: {
                    from: number;
                    until: number | null;
                };
                accessState: string;
            };
            at: number;
            policyVersion: string;
            frozen: boolean;
            entries: {
                kind: string;
                target: {
                    type: string;
                    tier?: string;
                };
                propose: {
                    allowed: boolean;
                    rules: components["schemas"]["RuleRef"][];
                    needs: string[];
                };
                approve: {
                    allowed: boolean;
                    rules: components["schemas"]["RuleRef"][];
                };
            }[];
            summary: string[];
        };
        Drift: {
            id: number;
            accountId: string;
            platformVersion: number;
            /** @enum {string} */
            tier: "standard" | "elevated" | "critical";
            /** @enum {string} */
            via: "webhook" | "reconciliation";
            /** @enum {string} */
            response: "revert" | "alert" | "ignore";
            /** @enum {string} */
            state: "detected" | "reverted" | "revert_failed" | "alerted" | "superseded";
            expected: {
                /** @enum {string} */
                status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                statusUntil: number | null;
            };
            observed: {
                /** @enum {string} */
                status: "active" | "limited" | "locked" | "suspended" | "deactivated";
                statusUntil: number | null;
            };
            evidence: {
                [key: string]: unknown;
            };
            changedAt: number;
            detectedAt: number;
            revertedAt: number | null;
            alertId: number | null;
            error: string | null;
        };
        Session: {
            staff: {
                id: string;
                name: string;
                email: string;
                /** @enum {string} */
                role: "triage" | "agent" | "lead" | "admin" | "auditor";
                /** @enum {string} */
                employment: "employee" | "contractor";
                accessUntil: number | null;
            };
            csrfToken: string;
            expiresAt: number;
            idleExpiresAt: number;
            stepUpUntil: number | null;
            capabilities: components["schemas"]["Capabilities"];
        };
        /** @description what the signed-in person may do, asked of the policy: the console draws itself from this, never from a role name */
        Capabilities: {
            /** @description the shipped operation rules that answered operations, queues and staffRoles */
            operationsVersion: string;
            /** @description the adopted policy set that answered actions */
            policyVersion: string;
            /** @description the operations this person may call (each route names one) */
            operations: ("session.read" | "session.logout" | "session.step-up" | "me.read" | "tokens.issue-own" | "tokens.revoke-own" | "notifications.own" | "accounts.read" | "notices.read" | "actions.read" | "approvals.inbox" | "policy.read" | "cases.read" | "cases.claim" | "cases.renew" | "cases.release" | "cases.resolve" | "cases.reroute" | "cases.comment" | "reports.submit" | "actions.propose" | "actions.bulk" | "cases.supervise" | "metrics.staff" | "actions.approve" | "actions.reject" | "actions.execute" | "decisions.explain" | "staff.list" | "alerts.read" | "drifts.read" | "audit.read" | "audit.proofs" | "forensics.timeline" | "forensics.access-review" | "transparency.report" | "statements.read" | "metrics.leads" | "reporters.read" | "audit.verify" | "audit.sign-head" | "enrolments.read" | "tokens.read" | "alerts.acknowledge" | "staff.create" | "staff.offboard" | "enrolments.start" | "enrolments.revoke" | "tokens.revoke" | "accounts.import" | "accounts.sync" | "policy.freeze" | "appeals.submit" | "appeals.read" | "appeals.decide")[];
            queues: {
                see: ("spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals")[];
                work: ("spam" | "safety" | "authenticity" | "integrity" | "general" | "protected" | "critical" | "appeals")[];
            };
            /** @description the roles a staff record they create may carry */
            staffRoles: ("triage" | "agent" | "lead" | "admin" | "auditor")[];
            /** @description the access review's answers now: whether they may propose, and approve someone else's, each kind on each kind of target */
            actions: {
                /** @enum {string} */
                kind: "warn" | "limit" | "lock" | "suspend" | "deactivate" | "restore" | "set_tier" | "change_policy" | "grant_role" | "elevate" | "set_access" | "set_notice_template" | "set_decision_ground" | "add_trusted_flagger" | "remove_trusted_flagger" | "warn_reporter" | "suspend_reporting" | "restore_reporting";
                target: {
                    /** @enum {string} */
                    type: "account";
                    /** @enum {string} */
                    tier: "standard" | "elevated" | "critical";
                } | {
                    /** @enum {string} */
                    type: "staff";
                } | {
                    /** @enum {string} */
                    type: "policy";
                };
                propose: boolean;
                approve: boolean;
            }[];
        };
        NotificationPreferences: {
            /** @description your signed receiver; its secret is never shown */
            webhook: {
                url: string;
                /** @enum {boolean} */
                secretSet: true;
            } | null;
            /** @description your Slack-compatible webhook, by host only: its URL is its secret */
            slack: {
                host: string;
            } | null;
            modes: {
                /** @enum {string} */
                approval_requested: "immediate" | "digest" | "off";
                /** @enum {string} */
                proposal_decided: "immediate" | "digest" | "off";
                /** @enum {string} */
                appeal_filed: "immediate" | "digest" | "off";
                /** @enum {string} */
                alert_raised: "immediate" | "digest" | "off";
            };
            updatedAt: number | null;
        };
        StaffNotification: {
            id: string;
            /** @enum {string} */
            kind: "approval_requested" | "proposal_decided" | "appeal_filed" | "alert_raised";
            subject: {
                /** @enum {string} */
                type: "action" | "appeal" | "alert";
                id: string;
            };
            title: string;
            /** @description where the console shows it */
            link: string;
            createdAt: number;
            /**
             * @description pending: waits for your digest; queued; delivered; failed; withheld: your access had ended or you had no channel; muted: you turned the kind off
             * @enum {string}
             */
            state: "pending" | "queued" | "delivered" | "failed" | "withheld" | "muted";
            /** @description the message it left in: the webhook-id your receiver saw */
            messageId: string | null;
            queuedAt: number | null;
            deliveredAt: number | null;
            lastError: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
