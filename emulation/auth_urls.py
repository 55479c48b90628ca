"""Sign-in and sign-out, included without a namespace: settings.LOGIN_URL names "login"."""

from django.urls import path

from emulation import views

urlpatterns = [
    path("dang-nhap/", views.SignInView.as_view(), name="login"),
    path("dang-xuat/", views.SignOutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
]
