import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

/**
 * A certificate for trying okno on the branch's Wi-Fi (`npm start -- --lan`): self-signed,
 * for this machine's LAN addresses and name, kept in the data folder so a tablet that was
 * told to trust it once keeps trusting it. Not for a real branch: there the certificate
 * comes from the branch's reverse proxy or its own CA (docs/operations.md, "HTTPS").
 */
export type CertificateFiles = { certFile: string; keyFile: string; names: string[]; fingerprint: string };

/** This machine's IPv4 addresses on its networks (not loopback): what a tablet on the same Wi-Fi can reach. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address);
}

/** A self-signed certificate and key (PEM) for these host names and IP addresses, valid `days`. */
export async function makeCertificate(names: { dns: string[]; ips: string[] }, days = 825): Promise<{ cert: string; key: string }> {
  const notAfterDate = new Date(Date.now() + days * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: names.dns[0] ?? names.ips[0] ?? 'okno' }, { name: 'organizationName', value: 'okno (demo)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names.dns.map((value) => ({ type: 2 as const, value })), ...names.ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/**
 * The data folder's LAN certificate, made on first use, and made again when it does not
 * cover a name or address of this machine any more (a new DHCP lease) or is about to expire.
 */
export async function lanCertificate(dataDir: string, names = { dns: ['localhost', hostname()], ips: ['127.0.0.1', ...lanAddresses()] }): Promise<CertificateFiles> {
  const dir = path.resolve(dataDir, 'tls');
  const certFile = path.join(dir, 'lan-cert.pem');
  const keyFile = path.join(dir, 'lan-key.pem');
  const wanted = [...names.dns.map((n) => `DNS:${n}`), ...names.ips.map((ip) => `IP Address:${ip}`)];
  if (existsSync(certFile) && existsSync(keyFile)) {
    const x509 = new X509Certificate(readFileSync(certFile));
    const covered = (x509.subjectAltName ?? '').split(', ');
    if (wanted.every((n) => covered.includes(n)) && Date.parse(x509.validTo) > Date.now() + 7 * 86_400_000) {
      return { certFile, keyFile, names: covered, fingerprint: x509.fingerprint256 };
    }
  }
  const { cert, key } = await makeCertificate(names);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, key, { mode: 0o600 });
  writeFileSync(certFile, cert);
  return { certFile, keyFile, names: wanted, fingerprint: new X509Certificate(cert).fingerprint256 };
}
