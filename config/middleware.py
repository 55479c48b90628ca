"""Project-wide middleware: the interface language, numbers in URLs, and the first password.

Vietnamese unless the user chose otherwise. Django's LocaleMiddleware follows the browser's
Accept-Language, so an office computer set to English would show an English interface nobody
asked for. Here only the language cookie (set by the language switch) changes the language;
everyone else gets LANGUAGE_CODE.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from emulation.params import ID_MAX, YEAR_RANGE


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class UrlNumberBoundsMiddleware:
    """A number in the path that no row or calendar can have answers 404 before the view runs.

    Django's `int` converter takes any run of digits: 2**63 overflows the database driver and
    year 0 or 99999 breaks `datetime.date`, both as server errors. Every integer URL argument
    must fit a database id, and one named `year` must be a year the product works with.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for name, value in view_kwargs.items():
            if not isinstance(value, int):
                continue
            low, high = YEAR_RANGE if name == "year" else (0, ID_MAX)
            if not low <= value <= high:
                raise Http404
        return None


class PasswordChangeRequiredMiddleware:
    """An account created with an initial password (`User.must_change_password`) reaches only
    the password change page and sign-out until its holder has chosen their own password;
    every other address leads there. Static files, the health check and public pages that need
    no sign-in are not concerned: the flag only exists on a signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("password_change"), reverse("logout")}
            if request.path not in allowed:
                return HttpResponseRedirect(reverse("password_change"))
        return self.get_response(request)
