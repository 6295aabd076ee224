"""A workbook a client may ask for by its media type."""

from rest_framework.renderers import BaseRenderer, JSONRenderer

from core.spreadsheets import XLSX_CONTENT_TYPE


class XLSXRenderer(BaseRenderer):
    """Lets a client ask for the workbook by its media type; errors still go back as JSON."""

    media_type = XLSX_CONTENT_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = JSONRenderer.media_type
        return JSONRenderer().render(data)
