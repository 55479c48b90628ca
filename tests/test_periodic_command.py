"""The commands the compose services run once or every --loop seconds."""

import pytest
from django.core.management import call_command


class Stop(Exception):
    pass


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("command", "line"),
    [
        ("sweep_jobs", "Đã đưa lại vào hàng đợi 0 tác vụ."),
        ("sweep_mail", "Đã đưa lại vào hàng đợi 0 thư."),
        ("send_pledge_reminders", "Đã nhắc 0 đơn vị chưa ký."),
    ],
)
def test_loop_runs_a_round_every_period_until_stopped(command, line, capsys, monkeypatch):
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        if len(slept) == 3:
            raise Stop

    monkeypatch.setattr("config.periodic_command.time.sleep", sleep)
    with pytest.raises(Stop):
        call_command(command, loop=45)
    assert slept == [45, 45, 45]
    assert capsys.readouterr().out.splitlines() == [line] * 3


@pytest.mark.django_db
def test_without_loop_one_round_and_no_wait(capsys, monkeypatch):
    monkeypatch.setattr("config.periodic_command.time.sleep", pytest.fail)
    call_command("sweep_mail")
    assert capsys.readouterr().out == "Đã đưa lại vào hàng đợi 0 thư.\n"
