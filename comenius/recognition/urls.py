from django.urls import path

from comenius.recognition.views import eql, nql, prizes, public, school

app_name = "recognition"

urlpatterns = [
    # National Quality Label: the teacher
    path("labels/", nql.mine, name="mine"),
    path("labels/apply/<int:project_pk>/", nql.start, name="start"),
    path("labels/applications/<int:pk>/", nql.application, name="application"),
    path("labels/applications/<int:pk>/appeal/", nql.appeal, name="appeal"),
    path("labels/<int:pk>/profile/", nql.profile_badge, name="profile_badge"),
    # National Quality Label: an ambassador who assesses (officers assess on the NSO's page)
    path("labels/assessments/", nql.assessments, name="assessments"),
    path("labels/assessments/<int:pk>/", nql.assess, name="assess"),
    # National Quality Label: the NSO
    path("nso/labels/", nql.queue, name="queue"),
    path("nso/labels/<int:pk>/", nql.review, name="review"),
    # European Quality Label round: central support opens and confirms, NSOs nominate
    path("nso/eql/", eql.round_page, name="eql"),
    # School label
    path("labels/school/", school.mine, name="school"),
    path("labels/school/<int:pk>/policy/", school.policy, name="school_policy"),
    path("labels/school/head/<str:token>/", school.head, name="school_head"),
    path("nso/school-labels/", school.queue, name="school_queue"),
    path("nso/school-labels/calls/", school.calls, name="school_calls"),
    path("nso/school-labels/<int:pk>/", school.review, name="school_review"),
    # Prizes
    path("nso/prizes/", prizes.rounds, name="prizes"),
    path("nso/prizes/<int:pk>/", prizes.manage, name="prize_manage"),
    path("prizes/<int:pk>/", prizes.round_page, name="prize_round"),
    path("prizes/<int:pk>/jury/", prizes.jury, name="prize_jury"),
    # The public list of labelled projects
    path("gallery/labels/", public.labelled, name="labelled"),
]
