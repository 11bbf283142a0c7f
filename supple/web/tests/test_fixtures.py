"""The shared fixtures work: a real SMTP server receives what Django sends."""

from django.core.mail import send_mail


def test_mail_reaches_the_local_smtp_server(smtp):
    send_mail("Hello", "Time for a stretch.", "supple@localhost", ["alice@example.org"])
    [message] = smtp.messages
    assert message["Subject"] == "Hello"
    assert message["X-Envelope-To"] == "alice@example.org"
    assert "Time for a stretch." in message.get_payload()


def test_named_actors_have_their_roles(alice, bob, physio, other_physio):
    assert not alice.is_clinician and not bob.is_clinician
    assert physio.is_clinician and other_physio.is_clinician
    assert alice.local_date().isoformat() and bob.zone.key == "America/New_York"
