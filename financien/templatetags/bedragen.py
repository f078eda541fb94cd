from django import template

from financien.bedragen import euro as _euro

register = template.Library()


@register.filter
def euro(waarde):
    """{{ bedrag|euro }} → "€ 36,30"; empty for no amount."""
    return _euro(waarde)
