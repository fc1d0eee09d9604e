"""URLconf for bench_deadline_surge.py: the product's URLs plus a plain upload view.

The plain view is the baseline: it parses the same multipart request, streams the file
to a temporary file on disk and hashes it, and does nothing else (no session, no
database, no encryption). It exists only here, never in the product.
"""

import hashlib
import tempfile

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as product_urlpatterns


@csrf_exempt
@login_not_required
@require_POST
def plain_upload(request: HttpRequest) -> HttpResponse:
    digest, size = hashlib.sha256(), 0
    with tempfile.TemporaryFile() as spool:
        for upload in request.FILES.getlist("files"):
            for chunk in upload.chunks():
                digest.update(chunk)
                size += len(chunk)
                spool.write(chunk)
    return HttpResponse(f"{size} {digest.hexdigest()}", content_type="text/plain")


urlpatterns = [path("bench-plain-upload/", plain_upload), *product_urlpatterns]
