/**
 * The Ed25519 key that signs tree heads. It lives in a PEM file outside the
 * database (config `audit.signingKeyPath`): someone who can rewrite the store
 * cannot also sign for it. For the demo the file is generated on first use.
 */
import { randomBytes, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type SignedTreeHead, type TreeHeadData, keyIdOf, treeHeadMessage } from './verify-proofs.js';
import { propertyOf } from '../errors.js';

export class TreeHeadSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;

  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {
    this.keyId = keyIdOf(publicKey);
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  static fromPem(pem: string, source = 'the signing key'): TreeHeadSigner {
    let key: KeyObject;
    try {
      key = createPrivateKey(pem);
    } catch {
      throw new Error(`${source} is not a PEM private key`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${source} is a ${key.asymmetricKeyType} key; tree heads are signed with Ed25519`);
    return new TreeHeadSigner(key, createPublicKey(key));
  }

  /** A fresh key that lives only in memory. */
  static ephemeral(): TreeHeadSigner {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return new TreeHeadSigner(privateKey, publicKey);
  }

  /** The key at `file`, or null when there is none. */
  static load(file: string): TreeHeadSigner | null {
    let pem: string;
    try {
      pem = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (propertyOf(err, 'code') === 'ENOENT') return null;
      throw err;
    }
    return TreeHeadSigner.fromPem(pem, file);
  }

  /**
   * The key at `file`, generated there first when absent. Creation is
   * exclusive (write aside, then hard-link into place), so two processes
   * starting at once end up with the same key.
   */
  static loadOrCreate(file: string, onCreate?: (file: string) => void): TreeHeadSigner {
    const existing = TreeHeadSigner.load(file);
    if (existing) return existing;
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file);
      onCreate?.(file);
    } catch (err) {
      if (propertyOf(err, 'code') !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return TreeHeadSigner.load(file)!;
  }

  sign(head: TreeHeadData): SignedTreeHead {
    const signature = sign(null, treeHeadMessage(head), this.privateKey).toString('base64');
    return { treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, signature, keyId: this.keyId };
  }
}
