"""The shared content blocks every page stream is built from; app streams extend ContentStreamBlock."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

HEADING_LEVELS = [("h2", "Heading level 2"), ("h3", "Heading level 3"), ("h4", "Heading level 4")]
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    """A section heading at a chosen level, so pages keep a correct heading outline."""

    text = blocks.CharBlock(max_length=200, help_text="The heading text, in sentence case.")
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS, default="h2", help_text="h2 for sections, h3 below them."
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A heading that starts a new section"
        preview_value = {"text": "Why data quality matters", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    """An inset or warning that stands out from the body text."""

    style = blocks.ChoiceBlock(
        choices=[("inset", "Inset text"), ("warning", "Warning"), ("notice", "Important notice")],
        default="inset",
        help_text="Inset for a helpful aside; warning for something that could go wrong.",
    )
    title = blocks.CharBlock(required=False, max_length=120, help_text="Optional, shown for notices only.")
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], help_text="Keep it to a few sentences.")

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        description = "An inset, warning or notice"
        preview_value = {"style": "inset", "text": "Data is only useful if it is usable and used."}


class ImageBlock(blocks.StructBlock):
    """An image with the alternative text a screen reader announces."""

    image = ImageChooserBlock(help_text="Choose or upload an image.")
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it. Leave empty only if it is decorative.",
    )
    decorative = blocks.BooleanBlock(required=False, help_text="Tick if the image adds nothing to the text.")
    caption = blocks.CharBlock(required=False, max_length=250, help_text="Optional caption shown under it.")

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image with alternative text"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not value.get("alt_text"):
            raise blocks.StructBlockValidationError(
                block_errors={"alt_text": ValidationError("Add alternative text, or tick 'decorative'.")}
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    """A prominent button linking to the next thing to do."""

    text = blocks.CharBlock(max_length=80, help_text="What the button says, e.g. 'Start the course'.")
    page = blocks.PageChooserBlock(required=False, help_text="A page on this site…")
    url = blocks.URLBlock(required=False, help_text="…or a web address.")

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        description = "A button to the next step"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError("Choose a page or enter a web address (one, not both).")
                }
            )
        return value


class ContentStreamBlock(blocks.StreamBlock):
    """The body of every content page: headings, text, callouts, images, tables and calls to action."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description="Body text",
    )
    callout = CalloutBlock()
    image = ImageBlock()
    table = TableBlock(
        template="blocks/table_block.html",
        description="A table of data with a header row",
        table_options={"startRows": 3, "startCols": 3},
    )
    call_to_action = CallToActionBlock()

    class Meta:
        template = "blocks/stream_block.html"
