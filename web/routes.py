"""Every URL of the workbench, in one place. Ids in paths, never personal codes; each endpoint's roles are on
the endpoint itself (`web.middleware.auth.allow`)."""
from __future__ import annotations

from starlette.routing import Mount, Route

from web.ui import (annex2, audit_log, case_assess, case_list, case_show, case_steps, document_download, due, gender,
                    home, inbox_upload, login, logout, review_crop, review_group, review_queue, review_save,
                    static_files, timesheet_errors, users)


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
        Route("/cases/{case_id:int}/documents/{document_id:int}/regenerate", case_steps.case_regenerate,
              methods=["POST"]),
        Route("/cases/{case_id:int}/assessment", case_assess.assess_form, methods=["GET"]),
        Route("/cases/{case_id:int}/assessment", case_assess.assess_save, methods=["POST"]),
        Route("/cases/{case_id:int}/adopt", case_steps.case_adopt, methods=["POST"]),
        Route("/cases/{case_id:int}/notify", case_steps.case_notify, methods=["POST"]),
        Route("/cases/{case_id:int}/contract", case_steps.case_contract, methods=["POST"]),
        Route("/cases/{case_id:int}/assistant", case_steps.case_change_assistant, methods=["POST"]),
        Route("/cases/{case_id:int}/suspend", case_steps.case_suspend, methods=["POST"]),
        Route("/cases/{case_id:int}/resume", case_steps.case_resume, methods=["POST"]),
        Route("/cases/{case_id:int}/terminate", case_steps.case_terminate, methods=["POST"]),
        Route("/gender", gender.gender_save, methods=["POST"]),
        Route("/due", due.due_list),
        Route("/timesheets/errors", timesheet_errors.timesheet_errors),
        Route("/review", review_queue.review_queue),
        Route("/review/group/{key}", review_group.review_group),
        Route("/review/{sha256:str}", review_group.review_file),
        Route("/review/{sha256:str}/fields/{field:str}", review_save.review_save, methods=["POST"]),
        Route("/review/{sha256:str}/crops/{field:str}.png", review_crop.review_crop),
        Route("/audit", audit_log.audit_log),
        Route("/annex2", annex2.annex2_page),
        Route("/annex2/{year:int}/{month:int}.{fmt}", annex2.annex2_download),
        Route("/inbox", inbox_upload.inbox_page, methods=["GET"]),
        Route("/inbox", inbox_upload.inbox_upload, methods=["POST"]),
        Route("/admin/users", users.user_list, methods=["GET"]),
        Route("/admin/users", users.user_add, methods=["POST"]),
        Route("/admin/users/{user_id:int}/active", users.user_active, methods=["POST"]),
        Mount("/static", app=static_files.static_app(), name="static"),
    ]
