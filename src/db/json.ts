/**
 * A text column that holds JSON of a known shape. `Json<T>` is a string the
 * compiler knows was written from a T (`toJson`), so `fromJson` gives the T
 * back without a cast at each reader, and a plain string cannot be written
 * where a `Json<T>` is expected.
 */
declare const holds: unique symbol;

export type Json<T> = string & { readonly [holds]: T };

/** The only place a value becomes a `Json<T>`: JSON.stringify of a T. */
export const toJson = <T>(value: T): Json<T> => JSON.stringify(value) as Json<T>;

/** The T a `Json<T>` was written from. */
export const fromJson = <T>(text: Json<T>): T => JSON.parse(text);

/** `fromJson`, for a nullable column. */
export const fromJsonOrNull = <T>(text: Json<T> | null): T | null => (text === null ? null : fromJson(text));
