"""The ranking of a round as a PDF (bảng xếp hạng thi đua cụm, khối), built by the document
core. `emulation.documents` imports this module so that web processes and workers both know
the kind."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config import clock
from documents.registry import BuiltDocument, ProgressCallback, register
from documents.rendering import DocumentError, render_document_html
from emulation.scoring.selectors import max_total, ranking, rounds_for

RANKING_DOCUMENT_KIND = "cluster_ranking"


@register(RANKING_DOCUMENT_KIND, label=gettext_lazy("Bảng xếp hạng thi đua cụm, khối"))
def build_ranking(job, progress: ProgressCallback) -> BuiltDocument:
    """The published (final) ranking of round `params["round_id"]`, for a requester who may
    see that round."""
    user = job.requested_by
    scoring_round = rounds_for(user).filter(pk=job.params.get("round_id")).first()
    if scoring_round is None:
        raise DocumentError(_("Không tìm thấy đợt chấm điểm."))
    rows = ranking(scoring_round)
    progress(20)
    cluster = scoring_round.table.cluster
    html = render_document_html(
        "emulation/scoring/pdf/ranking.html",
        authority=user.unit.authority,
        day=clock.today(),
        context={
            "round": scoring_round,
            "cluster": cluster,
            "rows": rows,
            "max_total": max_total(scoring_round.table),
        },
    )
    return BuiltDocument(
        html=html, filename=f"xep-hang-{cluster.code}-{cluster.year}-{scoring_round.kind}.pdf"
    )
