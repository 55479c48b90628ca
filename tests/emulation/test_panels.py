"""Panels of other apps on emulation pages: what a provider returns is shown once, in the
order providers registered; plain text is escaped, nothing is left out."""

from django.test import RequestFactory
from django.utils.html import format_html

from emulation.panels import PanelSlot


def test_slot_renders_each_provider_once_in_order():
    slot = PanelSlot()

    def html(obj, request):
        return format_html("<p>{}</p>", obj)

    def text(obj, request):
        return "<b>not markup</b>"

    def nothing(obj, request):
        return None

    for provider in (html, text, nothing, html):
        slot.register(provider)

    panels = slot.render("vòng 1", RequestFactory().get("/"))

    assert panels == ["<p>vòng 1</p>", "&lt;b&gt;not markup&lt;/b&gt;"]


def test_slot_renders_a_template_with_the_request(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"panel.html": "{{ name }} {{ request.path }}"},
                    )
                ],
                "context_processors": ["django.template.context_processors.request"],
            },
        }
    ]
    slot = PanelSlot()
    slot.register(lambda obj, request: ("panel.html", {"name": obj}))

    assert slot.render("cụm 1", RequestFactory().get("/cham-diem/")) == ["cụm 1 /cham-diem/"]
