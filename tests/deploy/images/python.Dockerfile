# Test-only stand-in for python:3.10-slim-bookworm, which cannot be pulled here: Debian
# bookworm (debootstrap, imported) + the host's CPython 3.10 (pyenv, built --enable-shared)
# copied to /usr/local, as the official image has it, with pip from ensurepip. The build
# context is made by tests/deploy/engine.py. This network intercepts TLS: the host's CA
# bundle replaces Debian's and pip, uv, requests and Node are pointed at it (the public
# images need none of this).
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
COPY python/ /usr/local/
ENV LANG=C.UTF-8 \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt UV_NATIVE_TLS=1
WORKDIR /usr/local/bin
RUN ldconfig \
    && ln -sf python3.10 python3 && ln -sf python3.10 python \
    && python3.10 -m ensurepip --default-pip >/dev/null \
    && ln -sf pip3 pip \
    && python -c "import ssl, sqlite3, ctypes, bz2, lzma, zlib, readline, uuid, _decimal; print('python', ssl.OPENSSL_VERSION)"
WORKDIR /
CMD ["python3"]
