from django.urls import path

from .views import fields, findings, imports, items, milestones, plans, rag, texts

app_name = "plans"
urlpatterns = [
    path("", plans.area_home, name="area-home"),
    path("my-items/", milestones.my_items, name="my-items"),
    path("plans/new/", plans.plan_create, name="plan-create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/history/", plans.plan_history, name="plan-history"),
    path("plans/<int:pk>/text/", texts.plan_text, name="plan-text"),
    path("plans/<int:pk>/text/<str:section>/edit/", texts.plan_text_edit, name="plan-text-edit"),
    path("plans/<int:pk>/findings/", findings.finding_list, name="findings"),
    path("plans/<int:pk>/findings/new/", findings.finding_create, name="finding-create"),
    path("findings/<int:pk>/edit/", findings.finding_edit, name="finding-edit"),
    path("findings/<int:pk>/remove/", findings.finding_remove, name="finding-remove"),
    path("plans/<int:pk>/fields/", fields.field_list, name="plan-fields"),
    path("plans/<int:pk>/fields/new/", fields.field_create, name="plan-field-create"),
    path("plans/<int:plan_pk>/fields/<int:pk>/edit/", fields.field_edit, name="plan-field-edit"),
    path("plans/<int:plan_pk>/fields/<int:pk>/remove/", fields.field_remove, name="plan-field-remove"),
    path("plans/<int:pk>/milestones/", milestones.milestone_list, name="milestones"),
    path("plans/<int:pk>/download.<str:fmt>", plans.plan_export, name="plan-export"),
    path("plans/<int:plan_pk>/items/new/", items.item_create, name="item-create"),
    path("items/<int:pk>/", items.item_detail, name="item"),
    path("items/<int:pk>/edit/", items.item_edit, name="item-edit"),
    path("items/<int:pk>/move/", items.item_move, name="item-move"),
    path("items/<int:pk>/overall-rating/", items.item_overall, name="item-overall"),
    path("items/<int:pk>/remove/", items.item_remove, name="item-remove"),
    path("import/", imports.upload, name="import"),
    path("import/plan-template.xlsx", imports.blank_template_download, name="import-template"),
    path("import/<str:token>/", imports.preview, name="import-preview"),
    path("rag-schemes/", rag.scheme_list, name="rag-schemes"),
    path("rag-schemes/new/", rag.scheme_create, name="rag-scheme-create"),
    path("rag-schemes/<int:pk>/", rag.scheme_detail, name="rag-scheme"),
    path("rag-schemes/<int:pk>/statuses/new/", rag.status_create, name="rag-status-create"),
    path("rag-schemes/<int:pk>/statuses/<int:status_pk>/edit/", rag.status_edit, name="rag-status-edit"),
    path(
        "rag-schemes/<int:pk>/statuses/<int:status_pk>/move-<str:direction>/",
        rag.status_move,
        name="rag-status-move",
    ),
    path(
        "rag-schemes/<int:pk>/statuses/<int:status_pk>/remove/", rag.status_remove, name="rag-status-remove"
    ),
]
