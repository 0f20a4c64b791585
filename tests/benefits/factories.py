import factory
import wagtail_factories
from django.utils import timezone

from benefits.models import BenefitCategory, BenefitIndexPage, BenefitPage, Promo


class BenefitCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = BenefitCategory
        django_get_or_create = ("slug",)


class BenefitIndexPageFactory(wagtail_factories.PageFactory):
    title = "Member benefits"
    slug = "benefits"

    class Meta:
        model = BenefitIndexPage


class BenefitPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Offer {n}")
    provider = "Provider Inc."
    summary = "Save money on something useful."

    class Meta:
        model = BenefitPage


class PromoFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Promo {n}")
    text = "Do something good."
    starts_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))

    class Meta:
        model = Promo
