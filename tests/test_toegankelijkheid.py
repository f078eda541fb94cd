"""What every page offers keyboard users."""

from django.urls import reverse


def test_every_page_starts_with_a_link_to_its_content(client_van, lid):
    """The skip link is the first link of the page and leads to the main content."""
    import re

    pagina = client_van(lid).get(reverse("site:home")).content.decode()
    eerste = re.search(r"<a\b[^>]*>", pagina)[0]
    assert 'href="#inhoud"' in eerste and "skiplink" in eerste
    assert re.search(r'<main\b[^>]*id="inhoud"', pagina)
