"""Every URL of the workbench, in one place. Ids in paths, never personal codes; each endpoint's roles are on
the endpoint itself (`web.middleware.auth.allow`)."""
from __future__ import annotations

from starlette.routing import Mount, Route

from web.ui import annex2, case_list, case_show, document_download, home, inbox_upload, login, logout, static_files, users


def routes() -> list:
    return [
        Route("/", home.home),
        Route("/login", login.login_form, methods=["GET"]),
        Route("/login", login.login, methods=["POST"]),
        Route("/logout", logout.logout, methods=["POST"]),
        Route("/cases", case_list.case_list),
        Route("/cases/{case_id:int}", case_show.case_show),
        Route("/cases/{case_id:int}/documents/{document_id:int}", document_download.document_download),
        Route("/cases/{case_id:int}/documents/{document_id:int}.pdf", document_download.document_pdf),
        Route("/annex2", annex2.annex2_page),
        Route("/annex2/{year:int}/{month:int}.{fmt}", annex2.annex2_download),
        Route("/inbox", inbox_upload.inbox_page, methods=["GET"]),
        Route("/inbox", inbox_upload.inbox_upload, methods=["POST"]),
        Route("/admin/users", users.user_list, methods=["GET"]),
        Route("/admin/users", users.user_add, methods=["POST"]),
        Route("/admin/users/{user_id:int}/active", users.user_active, methods=["POST"]),
        Mount("/static", app=static_files.static_app(), name="static"),
    ]
