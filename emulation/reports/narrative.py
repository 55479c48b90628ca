"""The sections of the year-end report that staff write (DOMAIN §10.3), and the draft the
product proposes for each from the year's data. Staff start from the draft and edit it in the
browser; the saved text is what the report prints."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.numbers import format_number
from emulation.reports.selectors import YearEndReport


@dataclass(frozen=True)
class Section:
    field: str
    label: str | Promise
    hint: str | Promise


SECTIONS = (
    Section(
        "situation",
        gettext_lazy("I. Đặc điểm tình hình"),
        gettext_lazy("Thuận lợi, khó khăn của năm."),
    ),
    Section(
        "leadership",
        gettext_lazy("II.1. Công tác lãnh đạo, chỉ đạo, tuyên truyền; phát động phong trào"),
        gettext_lazy("Các văn bản chỉ đạo, hình thức tuyên truyền, phong trào đã phát động."),
    ),
    Section(
        "organisation",
        gettext_lazy("II.6. Tổ chức bộ máy làm công tác thi đua, Hội đồng, quỹ thi đua"),
        gettext_lazy("Cán bộ làm công tác thi đua, hoạt động của Hội đồng, quỹ thi đua."),
    ),
    Section("strengths", gettext_lazy("III.1. Ưu điểm"), gettext_lazy("Những kết quả nổi bật.")),
    Section(
        "weaknesses",
        gettext_lazy("III.2. Hạn chế và nguyên nhân"),
        gettext_lazy("Những việc chưa làm được và vì sao."),
    ),
    Section(
        "lessons",
        gettext_lazy("III.3. Bài học kinh nghiệm"),
        gettext_lazy("Điều rút ra cho năm tới."),
    ),
    Section(
        "direction",
        gettext_lazy("IV. Phương hướng, nhiệm vụ năm tới"),
        gettext_lazy("Chủ đề, khẩu hiệu thi đua; chỉ tiêu; giải pháp."),
    ),
    Section(
        "proposals",
        gettext_lazy("V. Kiến nghị, đề xuất"),
        gettext_lazy("Kiến nghị với cấp trên."),
    ),
)
FIELDS = tuple(section.field for section in SECTIONS)
RECIPIENTS = "recipients"


def _names(items, limit: int = 5) -> str:
    """ "A; B; C" — at most `limit` names, then "và N nội dung khác"."""
    items = list(items)
    shown = "; ".join(items[:limit])
    if len(items) > limit:
        shown += _(" và %(count)s nội dung khác") % {"count": len(items) - limit}
    return shown


def _clusters_sentence(report: YearEndReport) -> str:
    clusters, blocs = report.cluster_counts
    parts = []
    if clusters:
        parts.append(_("%(count)s cụm") % {"count": clusters})
    if blocs:
        parts.append(_("%(count)s khối") % {"count": blocs})
    if not parts:
        return ""
    return _(", tổ chức thành %(parts)s thi đua") % {"parts": _(" và ").join(parts)}


def situation_sentence(report: YearEndReport) -> str:
    """The opening of section I that the product prints from its data, above what staff wrote:
    the units, and the clusters and blocs only when there are some (never "0 cụm")."""
    return _(
        "Năm %(year)s, %(name)s có %(units)s đơn vị trực thuộc tham gia phong trào thi "
        "đua%(clusters)s."
    ) % {
        "year": report.year,
        "name": report.issuer_name,
        "units": report.unit_count,
        "clusters": _clusters_sentence(report),
    }


def _situation(report: YearEndReport) -> str:
    summary = report.targets.summary
    lines = []
    if summary.total:
        lines.append(
            _(
                "Thuận lợi: các chỉ tiêu kinh tế – xã hội được giao từ đầu năm, theo dõi theo "
                "từng kỳ; %(k)s/%(n)s chỉ tiêu đạt và vượt kế hoạch."
            )
            % {"k": summary.met_or_exceeded, "n": summary.total}
        )
    if report.not_met_targets:
        lines.append(
            _("Khó khăn: %(count)s chỉ tiêu chưa đạt kế hoạch (%(names)s).")
            % {
                "count": len(report.not_met_targets),
                "names": _names(row.name for row in report.not_met_targets),
            }
        )
    return "\n".join(lines) or _("Thuận lợi: các đơn vị hưởng ứng phong trào thi đua từ đầu năm.")


def _leadership(report: YearEndReport) -> str:
    if not report.movements:
        return _(
            "Năm %(year)s, Ủy ban nhân dân ban hành kế hoạch tổ chức phong trào thi đua và "
            "hướng dẫn các đơn vị đăng ký thi đua từ đầu năm."
        ) % {"year": report.year}
    launched = "; ".join(
        f"“{movement.name}” ({movement.launched_on}, {movement.scope})"
        for movement in report.movements
    )
    return _(
        "Năm %(year)s, Ủy ban nhân dân đã phát động và chỉ đạo thực hiện %(count)s phong trào "
        "thi đua: %(launched)s. Các phong trào được tuyên truyền trên cổng thông tin điện tử và "
        "tại các đơn vị."
    ) % {"year": report.year, "count": len(report.movements), "launched": launched}


def _organisation(report: YearEndReport) -> str:
    lines = [
        _(
            "Công tác thi đua, khen thưởng do %(staff)s cán bộ làm công tác thi đua tham mưu; "
            "Hội đồng Thi đua – Khen thưởng có %(council)s thành viên."
        )
        % {"staff": report.staff_count, "council": report.council_count}
    ]
    if report.awards:
        lines.append(
            _("Quỹ thi đua, khen thưởng đã chi %(amount)s đồng cho %(total)s lượt khen thưởng.")
            % {
                "amount": format_number(report.award_amount, 0),
                "total": report.award_total,
            }
        )
    return "\n".join(lines)


def _strengths(report: YearEndReport) -> str:
    summary = report.targets.summary
    lines = []
    if summary.total:
        lines.append(
            _("%(k)s/%(n)s chỉ tiêu đạt và vượt, %(v)s vượt kế hoạch.")
            % {"k": summary.met_or_exceeded, "n": summary.total, "v": summary.exceeded}
        )
    leaders = [score.unit_name for row in report.clusters for score in row.leaders]
    if leaders:
        lines.append(_("Các đơn vị dẫn đầu cụm, khối: %(names)s.") % {"names": _names(leaders)})
    if report.exemplary:
        lines.append(
            _("%(count)s điển hình tiên tiến, sáng kiến được phát hiện, biểu dương.")
            % {"count": len(report.exemplary)}
        )
    if report.awards:
        lines.append(
            _("%(total)s lượt tập thể, cá nhân được khen thưởng kịp thời.")
            % {"total": report.award_total}
        )
    return "\n".join(lines) or _(
        "Các phong trào thi đua được triển khai theo kế hoạch đã ban hành."
    )


def _weaknesses(report: YearEndReport) -> str:
    lines = []
    if report.not_met_targets:
        lines.append(
            _("Còn %(count)s chỉ tiêu không đạt kế hoạch: %(names)s.")
            % {
                "count": len(report.not_met_targets),
                "names": _names(row.name for row in report.not_met_targets),
            }
        )
    if report.targets.summary.no_data:
        lines.append(
            _("%(count)s chỉ tiêu chưa có số liệu thực hiện.")
            % {"count": report.targets.summary.no_data}
        )
    unsigned = [row.cluster.name for row in report.clusters if row.slots and row.signed < row.slots]
    if unsigned:
        lines.append(
            _("Giao ước thi đua chưa được ký đủ: %(names)s.") % {"names": _names(unsigned)}
        )
    return "\n".join(lines) or _(
        "Số liệu trên hệ thống không cho thấy chỉ tiêu nào chưa đạt; việc phát hiện, nhân rộng "
        "điển hình tiên tiến cần được quan tâm thường xuyên hơn."
    )


def _lessons(report: YearEndReport) -> str:
    groups = sorted({str(row.group_label) for row in report.not_met_targets})
    lesson = _(
        "Gắn phong trào thi đua với việc thực hiện chỉ tiêu được giao; theo dõi kết quả theo "
        "từng kỳ báo cáo để kịp thời điều chỉnh"
    )
    if groups:
        lesson += _(", nhất là các lĩnh vực %(groups)s") % {"groups": ", ".join(groups)}
    return lesson + "."


def _direction(report: YearEndReport) -> str:
    next_year = report.year + 1
    if not report.next_year_target_names:
        return _(
            "Năm %(year)s, tiếp tục tổ chức các phong trào thi đua gắn với nhiệm vụ chính trị "
            "của địa phương."
        ) % {"year": next_year}
    return _(
        "Năm %(year)s, phấn đấu thực hiện %(count)s chỉ tiêu chung đã giao: %(names)s. "
        "Tiếp tục tổ chức các phong trào thi đua gắn với nhiệm vụ chính trị của địa phương."
    ) % {
        "year": next_year,
        "count": len(report.next_year_target_names),
        "names": _names(report.next_year_target_names),
    }


def _proposals(report: YearEndReport) -> str:
    if report.proposals:
        return _(
            "Đề nghị cấp trên xem xét, khen thưởng %(count)s tập thể, cá nhân có thành tích "
            "theo danh sách đề nghị kèm theo."
        ) % {"count": len(report.proposals)}
    return _("Không có kiến nghị.")


def _recipients() -> str:
    return "\n".join(
        (
            _("- Ủy ban nhân dân cấp trên;"),
            _("- Ban Thi đua – Khen thưởng;"),
            _("- Hội đồng Thi đua – Khen thưởng;"),
            _("- Lưu: VT."),
        )
    )


DRAFTS = {
    "situation": _situation,
    "leadership": _leadership,
    "organisation": _organisation,
    "strengths": _strengths,
    "weaknesses": _weaknesses,
    "lessons": _lessons,
    "direction": _direction,
    "proposals": _proposals,
}


def proposed_texts(report: YearEndReport) -> dict[str, str]:
    """The draft of every section written from `report`'s data, and the usual recipients."""
    texts = {field: DRAFTS[field](report) for field in FIELDS}
    texts[RECIPIENTS] = _recipients()
    return texts
