"""Forms of the floor plan page: the grid, the plan image, a booth's place, an area."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import FloatField, SelectField
from wtforms.validators import InputRequired, NumberRange, Optional

from ..fields import NumberField
from ..floor_map import AREA_LABELS
from ..labels import choices
from ..models.floor import MAX_BOOTH_SIZE, MAX_CELLS

CELLS = NumberRange(min=1, max=MAX_CELLS)
PERCENT = NumberRange(min=0, max=100)


class GridForm(FlaskForm):
    grid_columns = NumberField(_l("Columns"), validators=[InputRequired(), CELLS], default=10)
    grid_rows = NumberField(_l("Rows"), validators=[InputRequired(), CELLS], default=6)


class FloorImageForm(FlaskForm):
    image = FileField(
        _l("Floor plan image"),
        validators=[FileRequired(_l("Choose a file."))],
        description=_l("PNG, JPEG or WebP, at most 5 MB."),
    )


class BoothGridForm(FlaskForm):
    """A booth's cell on the grid; empty column and row take it off the map."""

    grid_column = NumberField(_l("Column"), validators=[Optional(), CELLS])
    grid_row = NumberField(_l("Row"), validators=[Optional(), CELLS])
    column_span = NumberField(_l("Width (cells)"), validators=[Optional(), CELLS], default=1)
    row_span = NumberField(_l("Depth (cells)"), validators=[Optional(), CELLS], default=1)


class BoothImageForm(FlaskForm):
    """A booth's point on the image, in percent; empty takes it off the map."""

    image_x = FloatField(_l("Across (%)"), validators=[Optional(), PERCENT])
    image_y = FloatField(_l("Down (%)"), validators=[Optional(), PERCENT])
    image_size = FloatField(
        _l("Size (%)"), validators=[Optional(), NumberRange(min=1, max=MAX_BOOTH_SIZE)], default=4
    )


class AreaForm(FlaskForm):
    kind = SelectField(_l("Area"))
    grid_column = NumberField(_l("Column"), validators=[InputRequired(), CELLS])
    grid_row = NumberField(_l("Row"), validators=[InputRequired(), CELLS])
    column_span = NumberField(_l("Width (cells)"), validators=[InputRequired(), CELLS], default=1)
    row_span = NumberField(_l("Depth (cells)"), validators=[InputRequired(), CELLS], default=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(AREA_LABELS)
