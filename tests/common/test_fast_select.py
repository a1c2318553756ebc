"""A long select written in Python shows the same markup as Django's: the chosen option selected,
every label escaped."""

from common.forms import FastSelect


def test_the_chosen_option_is_selected_and_labels_are_escaped():
    select = FastSelect(choices=[("", "Any owner"), ("7", "SM <Operational Lead>"), ("9", "CL")])

    html = select.render("owner", "7", attrs={"id": "id_owner"})

    assert '<select name="owner" id="id_owner">' in html
    assert '<option value="7" selected>SM &lt;Operational Lead&gt;</option>' in html
    assert '<option value="9">CL</option>' in html
    assert '<option value="">Any owner</option>' in html
