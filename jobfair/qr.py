"""QR codes as inline SVG: no image library, nothing written to disk."""

import qrcode
import qrcode.image.svg
from markupsafe import Markup


def qr_svg(data: str, *, title: str = "") -> Markup:
    """An <svg> element encoding `data`, scaled by CSS (class "qr")."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(data)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    svg = svg.replace("<svg ", '<svg class="qr" role="img" ', 1)
    if title:
        svg = svg.replace(">", f"><title>{Markup.escape(title)}</title>", 1)
    return Markup(svg)
