using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Integration.Tests.Mail;

[Collection(MailNode.Collection)]
public sealed class SendGridWebhookTests(MailNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<InvitationProgress> ProgressAsync(IssuedInvitation invitation) => (await fixture.Grain(invitation).GetProgressAsync())!;

    private Task<string?> SuppressionAsync(IssuedInvitation invitation) => fixture.Node.Grains.GetMailSuppression(invitation.Email).ReasonAsync();

    /// <summary>Nothing recorded: the invitation is as issued and its address may be mailed.</summary>
    private async Task AssertUntouchedAsync(IssuedInvitation invitation)
    {
        var progress = await ProgressAsync(invitation);
        Assert.Equal((0, MailDelivery.None, false, false), (progress.Revision, progress.Delivery, progress.EmailOpened, progress.Unsubscribed));
        Assert.Null(await SuppressionAsync(invitation));
    }

    [Fact]
    public async Task Signed_delivery_events_for_an_issued_invitation_are_recorded()
    {
        var invitation = await fixture.IssueAsync();

        using var response = await fixture.PostEventsAsync(MailNode.Body(
            MailNode.Event("processed", invitation),
            MailNode.Event("delivered", invitation, ("response", "250 OK")),
            MailNode.Event("open", invitation)));
        var progress = await ProgressAsync(invitation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((MailDelivery.Delivered, true, false, 3), (progress.Delivery, progress.EmailOpened, progress.Unsubscribed, progress.Revision));
        Assert.Null(await SuppressionAsync(invitation));
    }

    [Fact]
    public async Task A_hard_bounce_marks_the_supplier_contact_undeliverable_and_suppresses_the_address()
    {
        var invitation = await fixture.IssueToSupplierContactAsync();

        using var response = await fixture.PostEventsAsync(MailNode.Body(
            MailNode.Event("bounce", invitation, ("type", "bounce"), ("status", "5.1.1"), ("reason", "550 5.1.1 User unknown"))));
        var supplier = await fixture.Node.Grains.GetGrain<ISupplierGrain>(invitation.SupplierId).GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([invitation.Email], supplier!.UndeliverableEmails);
        Assert.Equal("bounced", await SuppressionAsync(invitation));
        Assert.Equal(MailDelivery.Bounced, (await ProgressAsync(invitation)).Delivery);
    }

    [Fact]
    public async Task A_blocked_bounce_is_recorded_but_neither_marks_the_contact_nor_suppresses_the_address()
    {
        var invitation = await fixture.IssueToSupplierContactAsync();

        using var response = await fixture.PostEventsAsync(MailNode.Body(
            MailNode.Event("bounce", invitation, ("type", "blocked"), ("reason", "554 blocked for now"))));
        var supplier = await fixture.Node.Grains.GetGrain<ISupplierGrain>(invitation.SupplierId).GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(supplier!.UndeliverableEmails);
        Assert.Null(await SuppressionAsync(invitation));
        Assert.Equal(MailDelivery.Bounced, (await ProgressAsync(invitation)).Delivery);
    }

    [Theory]
    [InlineData("unsubscribe", MailSuppression.Unsubscribed)]
    [InlineData("group_unsubscribe", MailSuppression.Unsubscribed)]
    [InlineData("spamreport", MailSuppression.SpamReport)]
    public async Task An_unsubscribe_or_spam_report_suppresses_the_address(string type, string reason)
    {
        var invitation = await fixture.IssueAsync();

        using var response = await fixture.PostEventsAsync(MailNode.Body(MailNode.Event(type, invitation)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(reason, await SuppressionAsync(invitation));
        Assert.True((await ProgressAsync(invitation)).Unsubscribed);
    }

    [Fact]
    public async Task The_same_event_posted_twice_is_recorded_once()
    {
        var invitation = await fixture.IssueAsync();
        var body = MailNode.Body(MailNode.Event("delivered", invitation));

        using var first = await fixture.PostEventsAsync(body);
        var once = await ProgressAsync(invitation);
        using var again = await fixture.PostEventsAsync(body);
        var twice = await ProgressAsync(invitation);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal((1, MailDelivery.Delivered), (once.Revision, once.Delivery));
        Assert.Equal(once, twice);
    }

    [Fact]
    public async Task Webhook_with_a_bad_signature_is_rejected_and_nothing_is_recorded()
    {
        var invitation = await fixture.IssueAsync();
        var signed = MailNode.Body(MailNode.Event("delivered", invitation));
        var sent = MailNode.Body(MailNode.Event("unsubscribe", invitation));

        using var response = await fixture.PostEventsAsync(sent, signedBody: signed);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertUntouchedAsync(invitation);
    }

    [Fact]
    public async Task Webhook_signed_by_another_key_is_rejected()
    {
        var invitation = await fixture.IssueAsync();
        var body = MailNode.Body(MailNode.Event("unsubscribe", invitation));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(other.SignData(
            Encoding.UTF8.GetBytes(timestamp + body),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence));

        using var response = await MailNode.PostAsync(fixture.Node, body, signature, timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertUntouchedAsync(invitation);
    }

    [Fact]
    public async Task Webhook_signed_too_long_ago_is_rejected_as_stale()
    {
        var invitation = await fixture.IssueAsync();

        using var response = await fixture.PostEventsAsync(MailNode.Body(MailNode.Event("unsubscribe", invitation)), signedAt: DateTimeOffset.UtcNow.AddHours(-1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertUntouchedAsync(invitation);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Webhook_without_its_signature_headers_is_rejected(bool withSignature, bool withTimestamp)
    {
        var invitation = await fixture.IssueAsync();
        var body = MailNode.Body(MailNode.Event("unsubscribe", invitation));
        var (signature, timestamp) = fixture.Sign(body, DateTimeOffset.UtcNow);

        using var response = await MailNode.PostAsync(fixture.Node, body, withSignature ? signature : null, withTimestamp ? timestamp : null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertUntouchedAsync(invitation);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"event\":\"delivered\"}")]
    [InlineData("[{\"email\":\"x@supplier.test\"}]")]
    public async Task A_signed_body_that_is_not_an_array_of_events_gets_400(string body)
    {
        using var response = await fixture.PostEventsAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Events_without_a_valid_invitation_id_are_acknowledged_and_the_rest_recorded()
    {
        var invitation = await fixture.IssueAsync();
        var unknown = InvitationToken.Hash(InvitationToken.New());

        using var response = await fixture.PostEventsAsync(MailNode.Body(
            MailNode.Event("delivered", "a@supplier.test", null),
            MailNode.Event("delivered", "b@supplier.test", "inv-1"),
            MailNode.Event("delivered", "c@supplier.test", invitation.Key.ToUpperInvariant()),
            MailNode.Event("unsubscribe", "d@supplier.test", unknown),
            MailNode.Event("group_resubscribe", invitation),
            MailNode.Event("machine_opened", invitation),
            MailNode.Event("delivered", invitation)));
        var progress = await ProgressAsync(invitation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, MailDelivery.Delivered), (progress.Revision, progress.Delivery));
        Assert.Null(await fixture.Node.Grains.GetMailSuppression("d@supplier.test").ReasonAsync());
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_unread()
    {
        var invitation = await fixture.IssueAsync();
        var padding = new string(' ', 1024 * 1024);
        var body = MailNode.Body(MailNode.Event("unsubscribe", invitation)) + padding;

        using var response = await fixture.PostEventsAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertUntouchedAsync(invitation);
    }
}
