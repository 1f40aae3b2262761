# Verifies the DKIM signature of the message on stdin with Debian's python3-dkim (dkimpy), an
# implementation independent of the Java signer. The public key record is argv[1] instead of DNS.
# Exit 0: the signature verifies; 1: it does not. Prints the h= tag of the signature.
import sys

import dkim

record = sys.argv[1].encode("ascii")


def dns(name, timeout=5, **kwargs):
    return record


message = sys.stdin.buffer.read()
signature = dkim.DKIM(message)
ok = dkim.verify(message, dnsfunc=dns)
for line in message.split(b"\r\n\r\n", 1)[0].replace(b"\r\n\t", b" ").replace(b"\r\n ", b" ").split(b"\r\n"):
    if line.lower().startswith(b"dkim-signature:"):
        tags = dict(t.strip().split(b"=", 1) for t in line.split(b":", 1)[1].split(b";") if b"=" in t)
        print("h=" + tags[b"h"].decode().replace(" ", ""))
        print("a=" + tags[b"a"].decode())
print("verified" if ok else "failed")
sys.exit(0 if ok else 1)
