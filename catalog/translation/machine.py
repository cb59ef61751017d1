"""The machine translator editors press "Translate" for, guarded against outages.

``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` always names :class:`GuardedTranslator`; its
``TRANSLATOR`` option is the real backend chosen by ``MACHINE_TRANSLATOR`` (the dummy one
in dev and tests; DeepL, Google Cloud or LibreTranslate in production; settings in
mediasite/settings/base.py, documented in docs/localisation.md).

wagtail-localize calls the translator inside its "machine translate" view: a timeout or
an error answer would be a 500 there. The guard bounds the call by ``TIMEOUT`` seconds,
turns any failure, or an answer that leaves strings out, into a
:class:`MachineTranslationError` with a sentence an editor can act on, which
catalog/translation/views.py (in front of wagtail-localize's views) shows as an error
message. The translations are written only after a complete answer, in one
transaction, so a failed call saves nothing; nothing is published either way.
"""

from __future__ import annotations

import concurrent.futures

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from wagtail_localize.machine_translators.base import BaseMachineTranslator

DEFAULT_TIMEOUT = 20


class MachineTranslationError(Exception):
    """The machine translator failed; the message is for the editor."""


def _reason(error: Exception) -> str:
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    if status:
        return _("it answered an error (HTTP %(status)s)") % {"status": status}
    if isinstance(error, TimeoutError) or "timeout" in type(error).__name__.lower():
        return _("it did not answer in time")
    if isinstance(error, ConnectionError) or "connection" in type(error).__name__.lower():
        return _("it could not be reached")
    return _("it failed (%(error)s)") % {"error": type(error).__name__}


class GuardedTranslator(BaseMachineTranslator):
    """Wraps a wagtail-localize machine translator (option ``TRANSLATOR``, a dotted path).

    Options: ``TRANSLATOR``; ``TIMEOUT`` (seconds, default 20) for the whole call; the
    rest are passed to the wrapped translator as its own options.
    """

    def __init__(self, options):
        super().__init__(options)
        inner_options = {k: v for k, v in options.items() if k != "TRANSLATOR"}
        self.translator = import_string(options["TRANSLATOR"])(inner_options)
        self.timeout = float(options.get("TIMEOUT", DEFAULT_TIMEOUT))

    @property
    def display_name(self):
        return self.translator.display_name

    def can_translate(self, source_locale, target_locale):
        return self.translator.can_translate(source_locale, target_locale)

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        try:
            future = pool.submit(self.translator.translate, source_locale, target_locale, strings)
            answer = future.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError:
            raise self._error(_("it did not answer in time")) from None
        except Exception as error:
            raise self._error(_reason(error)) from error
        finally:
            # Never wait for a call that hangs: its late answer is thrown away.
            pool.shutdown(wait=False, cancel_futures=True)
        missing = [s for s in strings if answer.get(s) is None or answer[s].data is None]
        if missing:
            raise self._error(
                _("it left %(count)d of %(total)d texts untranslated")
                % {"count": len(missing), "total": len(strings)}
            )
        return answer

    def _error(self, reason: str) -> MachineTranslationError:
        return MachineTranslationError(
            _(
                "%(name)s could not translate this page: %(reason)s. Nothing was changed; "
                "try again later or translate the texts by hand."
            )
            % {"name": self.display_name, "reason": reason}
        )
