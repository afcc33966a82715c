from django.urls import path

from comenius.accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/status/", views.status, name="status"),
    path("account/status/evidence/", views.upload_evidence, name="upload_evidence"),
    path("account/status/head/", views.ask_head, name="ask_head"),
    path("account/status/again/", views.ask_again, name="ask_again"),
    path("account/profile/", views.profile, name="profile"),
    path("account/institution/", views.change_institution, name="change_institution"),
    path("account/my-data/", views.privacy_settings, name="privacy_settings"),
    path("account/my-data/download/", views.export_data, name="export_data"),
    path("account/my-data/delete/", views.delete_account, name="delete_account"),
    path("language/", views.set_language, name="set_language"),
    path("nso/validations/", views.queue, name="queue"),
    path("nso/validations/validate-selected/", views.queue_bulk_validate, name="queue_bulk"),
    path("nso/validations/<int:pk>/", views.queue_request, name="queue_request"),
    path("nso/validations/<int:pk>/evidence/", views.evidence_file, name="evidence"),
    path("nso/country/<str:code>/", views.country_settings, name="country_settings"),
    path("nso/audit/", views.audit_log, name="audit_log"),
    path("nso/login-locks/", views.login_locks, name="login_locks"),
    path("nso/login-locks/<int:pk>/lift/", views.lift_login_lock, name="lift_login_lock"),
    path("confirm/<str:token>/", views.head_confirm, name="head_confirm"),
]
