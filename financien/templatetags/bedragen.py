from django import template

from financien.bedragen import euro as _euro

register = template.Library()


@register.filter
def euro(waarde):
    """{{ bedrag|euro }} → "€ 36,30" (in English "€36.30"); empty for no amount."""
    return _euro(waarde)


@register.filter
def kostpost(post) -> str:
    """ "catering: broodjes", or only "catering" when the description says no more than its
    category (financien.selectors.zegt_meer: no "catering: catering")."""
    from financien.selectors import zegt_meer

    if zegt_meer(post.omschrijving, post.categorie.naam):
        return f"{post.categorie}: {post.omschrijving}"
    return str(post.categorie)
