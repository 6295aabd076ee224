"""``GET /api/v1/foi/statistics/``: the FOI timeliness figures per month or quarter, as JSON or as the page's
workbook (``format=xlsx`` or ``Accept``)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.exceptions import FieldErrorsSerializer
from core.api.renderers import FastJSONRenderer, XLSXRenderer
from core.api.schema import BLANK, blank_accepted, without_nul
from core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_content_response
from foi.choices import Exemption, Outcome
from foi.statistics import ICO_TARGET_PERCENT, FOIStatistics, Period, PeriodFigures, foi_statistics
from foi.statistics_query import StatisticsQueryForm
from foi.statistics_workbook import statistics_filename, statistics_workbook
from registry.selectors import organisations_for_user


class OutcomeCountSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()


class ExemptionCountSerializer(serializers.Serializer):
    exemption = serializers.ChoiceField(choices=Exemption.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()


class PeriodFiguresSerializer(serializers.Serializer):
    label = serializers.CharField(help_text='Such as "2026 Q1" or "March 2026"; "Total" for the whole range.')
    start = serializers.DateField(help_text="The period's first day, or the range's where it starts later.")
    end = serializers.DateField(help_text="The period's last day, or the range's where it ends earlier.")
    received = serializers.IntegerField()
    answered = serializers.IntegerField(help_text="First responses issued.")
    answered_in_time = serializers.IntegerField(help_text="On or before the deadline, the extended one if extended.")
    in_time_percent = serializers.FloatField(
        allow_null=True, help_text="Answered in time as a percentage of answered, one decimal; null if none answered."
    )
    extended = serializers.IntegerField(help_text="Requests answered in the period whose deadline had been extended.")
    open_overdue = serializers.IntegerField(
        help_text="Open, overdue requests on the period's last day (or today, if earlier); the total's on the "
        "range's last day."
    )
    outcomes = OutcomeCountSerializer(many=True, help_text="Every outcome, 0 where none: of the first responses.")
    outcome_not_recorded = serializers.IntegerField(help_text="Answered requests whose response recorded no outcome.")
    exemptions = ExemptionCountSerializer(
        many=True, help_text="Each exemption of the organisation's law (and any other cited): requests citing it."
    )
    reviews_requested = serializers.IntegerField()
    reviews_overturned = serializers.IntegerField(help_text="Reviews decided in the period: overturned or partly.")


class FOIStatisticsSerializer(serializers.Serializer):
    organisation = serializers.SlugField()
    organisation_name = serializers.CharField()
    period = serializers.ChoiceField(choices=[period.value for period in Period])
    ico_target_percent = serializers.IntegerField(help_text="The share in time below which the ICO monitors.")
    periods = PeriodFiguresSerializer(many=True)
    total = PeriodFiguresSerializer()

    def get_fields(self):
        fields = super().get_fields()
        # "from" and "to", as the query names them: "from" cannot be an attribute's name.
        dated = {
            "from": serializers.DateField(help_text="The range's first day."),
            "to": serializers.DateField(help_text="The range's last day."),
        }
        return {"organisation": fields.pop("organisation"), **dated, **fields}


def figures_data(statistics: FOIStatistics, figure: PeriodFigures) -> dict:
    return {
        "label": figure.label,
        "start": figure.start,
        "end": figure.end,
        "received": figure.received,
        "answered": figure.answered,
        "answered_in_time": figure.answered_in_time,
        "in_time_percent": figure.in_time_percent,
        "extended": figure.extended,
        "open_overdue": figure.open_overdue,
        "outcomes": [
            {"outcome": outcome, "label": Outcome(outcome).label, "count": figure.outcomes[outcome]}
            for outcome in statistics.outcome_choices
        ],
        "outcome_not_recorded": figure.outcome_not_recorded,
        "exemptions": [
            {"exemption": exemption, "label": Exemption(exemption).label, "count": figure.exemptions[exemption]}
            for exemption in statistics.exemption_choices
        ],
        "reviews_requested": figure.reviews_requested,
        "reviews_overturned": figure.reviews_overturned,
    }


def statistics_data(statistics: FOIStatistics) -> dict:
    return {
        "organisation": statistics.organisation.slug,
        "from": statistics.date_from,
        "to": statistics.date_to,
        "organisation_name": statistics.organisation.name,
        "period": statistics.period.value,
        "ico_target_percent": ICO_TARGET_PERCENT,
        "periods": [figures_data(statistics, figure) for figure in statistics.periods],
        "total": figures_data(statistics, statistics.total),
    }


DATE_OR_BLANK = {"anyOf": [{"type": "string", "format": "date"}, BLANK]}
PARAMETERS = [
    OpenApiParameter(
        "from",
        DATE_OR_BLANK,
        description="First day (YYYY-MM-DD), from 1 January 2000; default: the first day of the month or quarter "
        "eleven months or three quarters before 'to'.",
    ),
    OpenApiParameter(
        "to",
        DATE_OR_BLANK,
        description="Last day (YYYY-MM-DD), at most the end of next year; default today. At most ten years after "
        "'from'.",
    ),
    OpenApiParameter(
        "period",
        {"type": "string", "enum": [*(period.value for period in Period), ""]},
        description="Figures per calendar month or quarter (January to March...); default quarter.",
    ),
    OpenApiParameter(
        "organisation",
        blank_accepted(without_nul({"type": "string"})),
        description="The organisation's slug: needed only by a member of more than one organisation.",
    ),
    OpenApiParameter(
        "format", {"type": "string", "enum": ["json", "xlsx"]}, description="xlsx for the workbook (or send Accept)."
    ),
]


class FOIStatisticsView(APIView):
    """FOI timeliness per month or quarter for one of your organisations: received, answered, answered in time
    (the extended deadline where extended), extended, open and overdue, outcomes, exemptions and internal reviews,
    with totals. Any member may read them."""

    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [FastJSONRenderer, XLSXRenderer]

    @extend_schema(
        operation_id="foi_statistics",
        parameters=PARAMETERS,
        responses={
            (200, "application/json"): FOIStatisticsSerializer,
            (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
            400: OpenApiResponse(
                FieldErrorsSerializer,
                description="A bad date, 'from' after 'to', a range over ten years, an unknown period or "
                "organisation, or an unknown query parameter: each parameter at fault, with its messages.",
            ),
        },
    )
    def get(self, request):
        form = StatisticsQueryForm(
            request.query_params, organisations=organisations_for_user(user=request.user), other_parameters=["format"]
        )
        if not form.is_valid():
            raise ValidationError(form.error_messages())
        data = form.cleaned_data
        statistics = foi_statistics(
            organisation=form.organisation(), date_from=data["from"], date_to=data["to"], period=data["period"]
        )
        if request.accepted_renderer.format == XLSXRenderer.format:
            return xlsx_content_response(
                content=statistics_workbook(statistics), filename=statistics_filename(statistics)
            )
        return Response(FOIStatisticsSerializer(statistics_data(statistics)).data)
