"""`asistents serve [--host 127.0.0.1] [--port 8000] [--dir DIR] [--db URL]` — the clerk's workbench in a browser.

Serves the one register every command uses (`--db URL`, else $ASISTENTS_DB_URL, else ./asistents.db) with
uvicorn on one process. `--dir` (default: the folder it runs in) is the folder of `asistents inbox process`:
PDFs dropped on the inbox page go to DIR/inbox, the steps' documents to DIR/outbox. Behind a TLS proxy on the same machine, cookies get `Secure` from X-Forwarded-Proto (or always with
`--secure-cookies always`). The log names routes and user ids, never a query string or a personal code.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from asistents.output import UserError
from asistents.register import add_db_flag


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="tīmekļa darbvieta / the web workbench",
                              description="Lietvedības darbvieta pārlūkā (latviski) pār lietu reģistru. Pirmo "
                                          "lietotāju pievieno ar `asistents users add VĀRDS --role admin`.")
    p.add_argument("--host", default="127.0.0.1", help="adrese / address (noklusēti 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="ports / port (noklusēti 8000)")
    p.add_argument("--dir", metavar="DIR", default=".",
                   help="iesūtnes mape (kā `asistents inbox process DIR`, noklusēti šī mape) / the inbox folder")
    add_db_flag(p)
    p.add_argument("--secure-cookies", choices=("auto", "always", "never"), default="auto",
                   help="sīkdatnes ar Secure: auto (pēc https vai X-Forwarded-Proto), always, never")
    p.add_argument("--max-upload-mb", type=int, default=20, help="lielākais augšupielādes fails, MB")
    p.set_defaults(run=run)


def run(args) -> int:
    import uvicorn

    import registry
    from web.app import create_app
    from web.settings import Settings

    from asistents.register import db_url

    root = Path(args.dir).resolve()
    url = db_url(args.db)
    settings = Settings(db_url=url, root=root, secure_cookies=args.secure_cookies,
                        max_upload_bytes=args.max_upload_mb * 1024 * 1024)
    try:
        app = create_app(settings)
    except registry.RegistryError as e:
        raise UserError(e.message_lv, e.message_en, field="--db",
                        hint_lv="norādiet sqlite:///ceļš.db vai postgresql+psycopg://…") from None
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("asistents.web").setLevel(logging.INFO)  # the access log; libraries only warn
    print(f"Darbvieta: http://{args.host}:{args.port}/ (reģistrs {app.state.registry.url})", file=sys.stderr,
          flush=True)
    # uvicorn's access log is off: it would write raw URLs with their query strings (web.middleware.accesslog)
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="info",
                proxy_headers=False, server_header=False)
    return 0
