"""The audit log for the auditor (and the head): per case or per user (`casework.audit_log`), newest first."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool

import casework
from web.middleware.auth import AUDIT, allow
from web.render import page


@allow(*AUDIT)
async def audit_log(request):
    case_text, user = request.query_params.get("lieta", "").strip(), request.query_params.get("lietotajs", "").strip()
    case_id = int(case_text) if case_text.isdigit() else None
    lines = await run_in_threadpool(casework.audit_log, request.app.state.registry, case_id, user or None)
    lines = list(reversed(lines))[:500]
    return page(request, "audit.html", lines=lines, case=case_text, who=user)
