"""The public pages families read: no sign-in, one address per local area."""

from django.urls import path

from .views import public

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("scorecard/", public.scorecard, name="scorecard"),
    path("you-said-we-did/", public.voice, name="voice"),
    path("publications/", public.publications, name="publications"),
    path("feed.atom", public.feed, name="feed"),
    path("measures.csv", public.measures_csv, name="measures-csv"),
    path("<int:number>/", public.publication, name="publication"),
    path("<int:number>/scorecard/", public.publication_scorecard, name="publication-scorecard"),
    path("<int:number>/you-said-we-did/", public.publication_voice, name="publication-voice"),
    path("<int:number>/charts/<str:code>.svg", public.chart, name="chart"),
    path("<int:number>/colours.css", public.colours, name="colours"),
]
