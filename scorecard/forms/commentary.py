"""The words of the commentary page."""

from django import forms

from common.forms import Form


class CommentaryForm(Form):
    text = forms.CharField(
        label="What is being done",
        help_text=(
            "Say why the figure is where it is, what is being done about it and when the board should "
            "see a difference. Board members and inspectors read this."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter what is being done about this measure",
            "max_length": "Commentary must be 5,000 characters or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
