"""Error pages in Latvian (404, 403, …), without any detail of the request."""
from __future__ import annotations

from web.render import page

MESSAGES = {
    400: "Nepareizs pieprasījums.",
    401: "Lūdzu, piesakieties.",
    403: "Jums nav tiesību atvērt šo lapu vai veikt šo darbību.",
    404: "Lapa nav atrasta.",
    405: "Šāda darbība šeit nav atļauta.",
    413: "Fails ir pārāk liels.",
}


async def handle_http_error(request, exc):
    status = getattr(exc, "status_code", 500)
    return page(request, "error.html", status=status, status_code=status,
                message=MESSAGES.get(status, "Kļūda."))
