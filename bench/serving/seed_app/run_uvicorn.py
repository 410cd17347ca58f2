"""Starts Debian's uvicorn exactly as `python3 -m uvicorn ARGS` does, with one fix that only helps the seed app.

With --workers > 1, uvicorn 0.17 binds the listening socket itself as socket.socket(family) (proto 0), and
Python 3.11's asyncio sets TCP_NODELAY on accepted connections only when proto == IPPROTO_TCP. Without it,
uvicorn's separate header and body writes meet Nagle's algorithm and the client's delayed ACK: every response
waits ~40 ms. Rebinding the same descriptor with proto IPPROTO_TCP restores TCP_NODELAY, as uvicorn has with
one worker. The app (app.py) is untouched.
"""

import socket
import sys

import uvicorn.config
import uvicorn.main

_bind_socket = uvicorn.config.Config.bind_socket


def _bind_socket_tcp(self):
    sock = _bind_socket(self)
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
        return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    return sock


uvicorn.config.Config.bind_socket = _bind_socket_tcp

if __name__ == "__main__":
    sys.exit(uvicorn.main.main(prog_name="uvicorn"))
