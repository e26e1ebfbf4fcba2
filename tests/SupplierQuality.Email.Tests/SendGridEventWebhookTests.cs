using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SupplierQuality.Email.SendGrid;

namespace SupplierQuality.Email.Tests;

public sealed class SendGridEventWebhookTests : IDisposable
{
    private const string Events = """
        [
          {"email":"anna@supplier.example","timestamp":1894006800,"event":"processed","sg_event_id":"ev-1","sg_message_id":"msg1.filter0001.1","sq_message_id":"inv-1:initial","invitation_id":"inv-1"},
          {"email":"anna@supplier.example","timestamp":1894006810,"event":"delivered","sg_event_id":"ev-2","sg_message_id":"msg1.filter0001.1","invitation_id":"inv-1","response":"250 OK"},
          {"email":"bob@supplier.example","timestamp":1894006820,"event":"bounce","type":"bounce","status":"5.1.1","reason":"550 5.1.1 User unknown","sg_event_id":"ev-3","invitation_id":"inv-2"},
          {"email":"carl@supplier.example","timestamp":1894006830,"event":"bounce","type":"blocked","reason":"554 blocked","sg_event_id":"ev-4","invitation_id":"inv-3"},
          {"email":"anna@supplier.example","timestamp":1894006840,"event":"click","url":"https://sq.example/s/abc","sg_event_id":"ev-5","invitation_id":"inv-1"},
          {"email":"dora@supplier.example","timestamp":1894006850,"event":"deferred","response":"421 try later","sg_event_id":"ev-6","invitation_id":"inv-4"},
          {"email":"eve@supplier.example","timestamp":1894006860,"event":"dropped","reason":"Bounced Address","sg_event_id":"ev-7","invitation_id":"inv-5"},
          {"email":"anna@supplier.example","timestamp":1894006870,"event":"open","sg_event_id":"ev-8","invitation_id":"inv-1"},
          {"email":"fred@supplier.example","timestamp":1894006880,"event":"spamreport","sg_event_id":"ev-9","invitation_id":"inv-6"},
          {"email":"gina@supplier.example","timestamp":1894006890,"event":"unsubscribe","sg_event_id":"ev-10","invitation_id":"inv-7"},
          {"email":"gina@supplier.example","timestamp":1894006891,"event":"group_unsubscribe","asm_group_id":1,"sg_event_id":"ev-11"},
          {"email":"gina@supplier.example","timestamp":1894006892,"event":"group_resubscribe","asm_group_id":1,"sg_event_id":"ev-12"},
          {"email":"hal@supplier.example","timestamp":1894006893,"event":"machine_opened","sg_event_id":"ev-13","invitation_id":12345}
        ]
        """;

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1894007000);

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _key.Dispose();

    [Fact]
    public void A_correctly_signed_fresh_post_is_accepted_with_its_events()
    {
        var result = Webhook().Read(Events, Sign(Events, Now), Stamp(Now));

        Assert.Equal(WebhookVerdict.Accepted, result.Verdict);
        Assert.Null(result.Error);
        Assert.Equal(
            [
                SendGridEventType.Processed, SendGridEventType.Delivered, SendGridEventType.Bounce, SendGridEventType.Bounce,
                SendGridEventType.Click, SendGridEventType.Deferred, SendGridEventType.Dropped, SendGridEventType.Open,
                SendGridEventType.SpamReport, SendGridEventType.Unsubscribe, SendGridEventType.GroupUnsubscribe,
                SendGridEventType.GroupResubscribe, SendGridEventType.Unknown,
            ],
            result.Events.Select(e => e.Type));
        var processed = result.Events[0];
        Assert.Equal(("anna@supplier.example", "inv-1", "inv-1:initial", "ev-1", "msg1.filter0001.1"), (processed.Email, processed.InvitationId, processed.MessageId, processed.EventId, processed.SgMessageId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1894006800), processed.Timestamp);
        Assert.True(result.Events[2].IsHardBounce);
        Assert.Equal(("inv-2", "550 5.1.1 User unknown", "5.1.1"), (result.Events[2].InvitationId, result.Events[2].Reason, result.Events[2].Status));
        Assert.False(result.Events[3].IsHardBounce);
        Assert.Equal("https://sq.example/s/abc", result.Events[4].Url);
        Assert.Equal("421 try later", result.Events[5].Reason);
        Assert.Equal("Bounced Address", result.Events[6].Reason);
        Assert.Equal(("machine_opened", "12345"), (result.Events[12].EventName, result.Events[12].InvitationId));
    }

    [Fact]
    public void The_key_may_be_given_as_PEM()
    {
        var webhook = new SendGridEventWebhook(_key.ExportSubjectPublicKeyInfoPem(), TimeSpan.FromMinutes(5), _time);

        Assert.True(webhook.Read(Events, Sign(Events, Now), Stamp(Now)).IsAccepted);
    }

    [Fact]
    public void A_changed_body_is_refused()
    {
        var signature = Sign(Events, Now);

        var result = Webhook().Read(Events.Replace("inv-1", "inv-9", StringComparison.Ordinal), signature, Stamp(Now));

        Assert.Equal(WebhookVerdict.BadSignature, result.Verdict);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void A_changed_timestamp_is_refused()
    {
        var result = Webhook().Read(Events, Sign(Events, Now), Stamp(Now.AddSeconds(1)));

        Assert.Equal(WebhookVerdict.BadSignature, result.Verdict);
    }

    [Fact]
    public void A_signature_by_another_key_is_refused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = Convert.ToBase64String(other.SignData(Encoding.UTF8.GetBytes(Stamp(Now) + Events), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        Assert.Equal(WebhookVerdict.BadSignature, Webhook().Read(Events, signature, Stamp(Now)).Verdict);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    [InlineData("MEQCIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAiAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    public void A_garbage_signature_is_refused(string signature)
    {
        Assert.Equal(WebhookVerdict.BadSignature, Webhook().Read(Events, signature, Stamp(Now)).Verdict);
    }

    [Theory]
    [InlineData(null, "1894007000")]
    [InlineData("MEUCIQ==", null)]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void A_post_without_both_headers_is_refused(string? signature, string? timestamp)
    {
        var result = Webhook().Read(Events, signature, timestamp);

        Assert.Equal(WebhookVerdict.MissingSignature, result.Verdict);
        Assert.Contains(SendGridEventWebhook.SignatureHeader, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public void A_correctly_signed_post_from_outside_five_minutes_is_refused_as_stale(int offsetSeconds)
    {
        var signedAt = Now.AddSeconds(offsetSeconds);

        var result = Webhook().Read(Events, Sign(Events, signedAt), Stamp(signedAt));

        Assert.Equal(WebhookVerdict.Stale, result.Verdict);
    }

    [Fact]
    public void A_post_signed_within_five_minutes_is_fresh()
    {
        var signedAt = Now.AddSeconds(-299);

        Assert.True(Webhook().Read(Events, Sign(Events, signedAt), Stamp(signedAt)).IsAccepted);
    }

    [Theory]
    [InlineData("[{\"event\":\"delivered\"")]
    [InlineData("{\"event\":\"delivered\"}")]
    [InlineData("[{\"email\":\"a@b.example\"}]")]
    [InlineData("[42]")]
    [InlineData("")]
    public void A_correctly_signed_malformed_body_gets_a_clear_error(string body)
    {
        var result = Webhook().Read(body, Sign(body, Now), Stamp(Now));

        Assert.Equal(WebhookVerdict.Malformed, result.Verdict);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Empty(result.Events);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a key")]
    public void Without_a_valid_key_every_post_is_refused(string? key)
    {
        var webhook = new SendGridEventWebhook(key, TimeSpan.FromMinutes(5), _time);

        Assert.Equal(WebhookVerdict.NotConfigured, webhook.Read(Events, Sign(Events, Now), Stamp(Now)).Verdict);
    }

    [Fact]
    public void Options_with_a_key_that_is_not_a_key_fail_validation()
    {
        var options = new SendGridOptions { ApiKey = "SG.x", FromEmail = "a@b.example", WebhookPublicKey = "MFkw-not-a-key" };

        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true));
        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(SendGridOptions.WebhookPublicKey)));
    }

    private SendGridEventWebhook Webhook() =>
        new(Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo()), TimeSpan.FromMinutes(5), _time);

    /// <summary>As SendGrid signs: ECDSA P-256 with SHA-256 over timestamp + body, the DER signature in base64.</summary>
    private string Sign(string body, DateTimeOffset at) =>
        Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(Stamp(at) + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    private static string Stamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
