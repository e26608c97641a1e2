"""Per-person rate limits for costly or sensitive requests (exports and imports).

Counts live in the cache, so with several app servers the cache must be shared
(``CACHE_URL`` pointing at Redis; see docs/deployment.md). A fixed window keeps
it simple: at most ``limit`` requests per person per window.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def rate_limited(scope: str, methods=("GET", "POST")):
    """Limits a view to ``settings.RATE_LIMITS[scope]`` = (requests, seconds) per signed-in person."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            limit, seconds = settings.RATE_LIMITS[scope]
            if request.method in methods and request.user.is_authenticated:
                window = int(time.time() // seconds)
                key = f"ratelimit:{scope}:{request.user.pk}:{window}"
                cache.add(key, 0, timeout=seconds)
                try:
                    count = cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.set(key, 1, timeout=seconds)
                    count = 1
                if count > limit:
                    retry_after = seconds - int(time.time()) % seconds
                    response = render(
                        request,
                        "429.html",
                        {"scope": scope, "limit": limit, "seconds": seconds, "retry_after": retry_after},
                        status=429,
                    )
                    response["Retry-After"] = str(retry_after)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
