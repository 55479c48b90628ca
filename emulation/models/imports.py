"""Spreadsheet imports of an authority's own data (nhập dữ liệu): the uploaded file between its
dry run and its confirmation, and, once written, the history of every row it changed.

The file's bytes stay in the row until the write, so the confirmation reads exactly the file
that was previewed by the same user; no file name ever comes back from the browser. After the
write the bytes are dropped and the row is the history entry: who, when, which file, and one
`DataImportChange` per row created or changed, with its values before and after.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.models.organisation import Authority


class DataImport(models.Model):
    """One uploaded file of one import kind (units, people, title history…)."""

    authority = models.ForeignKey(
        Authority, on_delete=models.CASCADE, related_name="data_imports", verbose_name=_("cơ quan")
    )
    kind = models.CharField(_("loại dữ liệu"), max_length=30)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="data_imports",
        verbose_name=_("người nhập"),
    )
    filename = models.CharField(_("tên tệp"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content = models.BinaryField(_("nội dung"), blank=True)
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    created = models.PositiveIntegerField(_("số dòng thêm mới"), default=0)
    changed = models.PositiveIntegerField(_("số dòng thay đổi"), default=0)
    unchanged = models.PositiveIntegerField(_("số dòng không đổi"), default=0)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    committed_at = models.DateTimeField(_("ghi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = _("lần nhập dữ liệu")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["authority", "kind", "committed_at"])]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_written(self) -> bool:
        return self.committed_at is not None


class DataImportChange(models.Model):
    """A row an import created or changed: its key as the file names it, and the values of
    the cells that changed, before and after, as the file writes them."""

    data_import = models.ForeignKey(
        DataImport, on_delete=models.CASCADE, related_name="changes", verbose_name=_("lần nhập")
    )
    row = models.PositiveIntegerField(_("dòng"))
    key = models.CharField(_("khóa"), max_length=200)
    created = models.BooleanField(_("thêm mới"), default=False)
    before = models.JSONField(_("trước"), default=dict, blank=True)
    after = models.JSONField(_("sau"), default=dict)

    class Meta:
        verbose_name = _("thay đổi do nhập dữ liệu")
        verbose_name_plural = _("thay đổi do nhập dữ liệu")
        ordering = ["data_import", "row"]

    def __str__(self) -> str:
        return f"{self.data_import} – {self.key}"
