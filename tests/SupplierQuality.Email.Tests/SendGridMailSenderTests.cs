using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupplierQuality.Email.SendGrid;
using SupplierQuality.Email.Tests.SendGridServer;

namespace SupplierQuality.Email.Tests;

public sealed class SendGridMailSenderTests : IAsyncLifetime
{
    private readonly SkippingTimeProvider _time = new();
    private SendGridLoopbackServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await SendGridLoopbackServer.StartAsync(clock: _time);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Messages_go_in_requests_of_at_most_1000_each_carrying_its_invitation_id()
    {
        var messages = Enumerable.Range(1, 2500).Select(n => Message(n)).ToList();

        var result = await SendAsync(messages);

        Assert.All(result.Results, r => Assert.Equal(MailSendStatus.Accepted, r.Status));
        Assert.Equal([500, 1000, 1000], _server.Requests.Select(r => r.Messages.Count).Order());
        var sent = _server.Accepted.ToDictionary(m => m.MessageId!);
        Assert.Equal(2500, sent.Count);
        foreach (var message in messages)
        {
            var received = sent[message.Id];
            Assert.Equal(message.InvitationId, received.InvitationId);
            Assert.Equal(message.To.Email, received.To);
            Assert.Equal(message.Subject, received.Subject);
            Assert.Equal(message.HtmlBody, received.Html);
            Assert.Equal(message.TextBody, received.Text);
            Assert.Equal($"<{message.UnsubscribeUrl}>", received.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", received.Headers["List-Unsubscribe-Post"]);
            Assert.Equal("campaign-7", received.CustomArgs["campaign_id"]);
        }

        Assert.Equal(result.Results.Select(r => r.ProviderMessageId).Order(), sent.Values.Select(m => m.XMessageId).Order());
    }

    [Fact]
    public async Task An_address_repeated_in_one_call_goes_in_separate_requests()
    {
        var messages = new[]
        {
            Message(1, "same@supplier.example"),
            Message(2),
            Message(3, "SAME@supplier.example"),
            Message(4, "same@supplier.example"),
        };

        var result = await SendAsync(messages);

        Assert.All(result.Results, r => Assert.Equal(MailSendStatus.Accepted, r.Status));
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal(r.Messages.Count, r.Messages.Select(m => m.To.ToUpperInvariant()).Distinct().Count()));
        Assert.Equal(4, _server.Accepted.Count);
    }

    [Fact]
    public async Task A_rate_limited_request_waits_for_Retry_After_and_is_sent_once()
    {
        _server.Enqueue(SendGridFault.TooManyRequests(retryAfter: TimeSpan.FromSeconds(7)));

        var result = await SendAsync([Message(1), Message(2)]);

        Assert.All(result.Results, r => Assert.Equal(MailSendStatus.Accepted, r.Status));
        Assert.Equal([429, 202], _server.Requests.Select(r => r.Status));
        Assert.Equal(2, _server.Accepted.Count);
        var wait = Assert.Single(_time.Waits);
        Assert.InRange(wait, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7.7));
    }

    [Fact]
    public async Task A_rate_limited_request_without_Retry_After_waits_for_X_RateLimit_Reset()
    {
        _server.Enqueue(SendGridFault.TooManyRequests(resetIn: TimeSpan.FromSeconds(20)));

        var result = await SendAsync([Message(1)]);

        Assert.Equal(MailSendStatus.Accepted, Assert.Single(result.Results).Status);
        Assert.True(_server.Requests[1].ReceivedAt - _server.Requests[0].ReceivedAt >= TimeSpan.FromSeconds(20));
        Assert.InRange(Assert.Single(_time.Waits), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(22));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_backoff_until_accepted()
    {
        _server.Enqueue(SendGridFault.ServerError(500), SendGridFault.ServerError(503));

        var result = await SendAsync([Message(1)]);

        Assert.Equal(MailSendStatus.Accepted, Assert.Single(result.Results).Status);
        Assert.Equal([500, 503, 202], _server.Requests.Select(r => r.Status));
        Assert.Single(_server.Accepted);
        // Equal jitter around 1 s, then 2 s (InitialBackoff 1 s, doubled).
        Assert.InRange(_time.Waits[0], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(_time.Waits[1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_bad_address_is_rejected_alone_and_the_others_are_sent()
    {
        _server.RejectAddress("bounce-me@supplier.example", "The email address is on the block list.");
        var messages = Enumerable.Range(1, 10).Select(n => Message(n, n == 6 ? "bounce-me@supplier.example" : null)).ToList();

        var result = await SendAsync(messages);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(messages[5].Id, rejected.MessageId);
        Assert.Contains("The email address is on the block list.", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(9, result.Accepted.Count());
        Assert.Equal(messages.Where((_, i) => i != 5).Select(m => m.Id).Order(), _server.Accepted.Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task Used_up_attempts_leave_the_messages_to_retry_later()
    {
        _server.Enqueue(SendGridFault.ServerError(), SendGridFault.ServerError(), SendGridFault.ServerError());

        var result = await SendAsync([Message(1), Message(2)], o => o.MaxAttempts = 3);

        Assert.All(result.Results, r =>
        {
            Assert.Equal(MailSendStatus.RetryLater, r.Status);
            Assert.Contains("500", r.Reason, StringComparison.Ordinal);
            Assert.NotNull(r.RetryAfter);
        });
        Assert.Equal(3, _server.Requests.Count);
        Assert.Empty(_server.Accepted);
    }

    [Fact]
    public async Task A_wait_longer_than_allowed_is_handed_back_to_the_caller()
    {
        _server.Enqueue(SendGridFault.TooManyRequests(retryAfter: TimeSpan.FromHours(1)));

        var result = await SendAsync([Message(1)]);

        var only = Assert.Single(result.Results);
        Assert.Equal(MailSendStatus.RetryLater, only.Status);
        Assert.True(only.RetryAfter >= TimeSpan.FromHours(1));
        Assert.Single(_server.Requests);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_the_request_is_sent_again()
    {
        _server.Enqueue(SendGridFault.Slow(TimeSpan.FromSeconds(30)));

        var result = await SendAsync([Message(1)], o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        Assert.Equal(MailSendStatus.Accepted, Assert.Single(result.Results).Status);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Single(_server.Accepted);
    }

    [Fact]
    public async Task A_refused_api_key_leaves_the_messages_to_retry_later_without_retrying()
    {
        var result = await SendAsync([Message(1)], o => o.ApiKey = "SG.wrong");

        var only = Assert.Single(result.Results);
        Assert.Equal(MailSendStatus.RetryLater, only.Status);
        Assert.Contains("401", only.Reason, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Unreachable_SendGrid_leaves_the_messages_to_retry_later()
    {
        var closed = _server.BaseUrl;
        await _server.DisposeAsync();

        var result = await SendAsync([Message(1)], o => (o.BaseUrl, o.MaxAttempts) = (closed.ToString(), 2));

        Assert.Equal(MailSendStatus.RetryLater, Assert.Single(result.Results).Status);
        Assert.Single(_time.Waits);
    }

    [Fact]
    public async Task A_message_SendGrid_cannot_take_is_rejected_without_a_request()
    {
        var result = await SendAsync([Message(1, "not an address"), Message(2) with { Subject = "two\nlines" }]);

        Assert.All(result.Results, r => Assert.Equal(MailSendStatus.Rejected, r.Status));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_message_too_large_for_substitutions_goes_alone_as_the_request_content()
    {
        var large = Message(1) with { HtmlBody = $"<p>{new string('x', 20_000)}</p>" };

        var result = await SendAsync([large, Message(2), Message(3)]);

        Assert.All(result.Results, r => Assert.Equal(MailSendStatus.Accepted, r.Status));
        Assert.Equal([1, 2], _server.Requests.Select(r => r.Messages.Count).Order());
        Assert.Equal(large.HtmlBody, _server.Accepted.Single(m => m.MessageId == large.Id).Html);
    }

    [Fact]
    public async Task The_same_message_id_twice_in_one_call_is_sent_once()
    {
        var result = await SendAsync([Message(1), Message(1)]);

        Assert.Equal(2, result.Accepted.Count());
        Assert.Single(_server.Accepted);
    }

    [Fact]
    public async Task Cancelling_before_the_send_leaves_every_message_to_retry_later()
    {
        using var sender = Sender();

        var result = await sender.SendAsync([Message(1)], new CancellationToken(canceled: true));

        Assert.Equal(MailSendStatus.RetryLater, Assert.Single(result.Results).Status);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void SendGrid_error_bodies_become_one_readable_line()
    {
        Assert.Equal(
            "Does not contain a valid address. (personalizations.0.to.0.email); The subject is required. (subject)",
            SendGridMailSender.ErrorText("""{"errors":[{"message":"Does not contain a valid address.","field":"personalizations.0.to.0.email","help":null},{"message":"The subject is required.","field":"subject"}]}"""));
        Assert.Equal("<html>Bad gateway</html>", SendGridMailSender.ErrorText("<html>Bad gateway</html>"));
        Assert.Equal("(no body)", SendGridMailSender.ErrorText(""));
    }

    [Fact]
    public async Task Without_a_configured_FromName_the_sender_is_named_after_the_message_and_replies_go_to_its_Reply_To()
    {
        var buyer = new Mailbox("quality@acme.example", "Acme Buying Ltd");
        var other = new Mailbox("surveys@other.example");
        var messages = new[]
        {
            Message(1) with { SenderName = "Acme Buying Ltd", ReplyTo = buyer },
            Message(2) with { SenderName = "Acme Buying Ltd", ReplyTo = buyer },
            Message(3) with { SenderName = "Acme Buying Ltd", ReplyTo = other },
            Message(4),
        };

        var result = await SendAsync(messages, o => o.FromName = null);

        Assert.All(result.Results, r => Assert.Equal(MailSendStatus.Accepted, r.Status));
        var sent = _server.Accepted.ToDictionary(m => m.MessageId!);
        Assert.Equal(
            ("surveys@buyer.example", "Acme Buying Ltd", "quality@acme.example", "Acme Buying Ltd"),
            (sent["inv-1:initial"].From, sent["inv-1:initial"].FromName, sent["inv-1:initial"].ReplyTo, sent["inv-1:initial"].ReplyToName));
        Assert.Equal(("Acme Buying Ltd", "surveys@other.example", null), (sent["inv-3:initial"].FromName, sent["inv-3:initial"].ReplyTo, sent["inv-3:initial"].ReplyToName));
        Assert.Equal((null, null), (sent["inv-4:initial"].FromName, sent["inv-4:initial"].ReplyTo));
        // Sender and Reply-To belong to the request: one request per pair, the first two together.
        Assert.Equal([1, 1, 2], _server.Requests.Select(r => r.Messages.Count).Order());
    }

    [Fact]
    public async Task A_configured_FromName_wins_over_the_name_a_message_suggests()
    {
        await SendAsync([Message(1) with { SenderName = "Acme Buying Ltd" }]);

        Assert.Equal("Buyer Quality", Assert.Single(_server.Accepted).FromName);
    }

    [Fact]
    public async Task A_reply_to_that_is_not_an_address_or_a_sender_name_on_two_lines_is_rejected_without_a_request()
    {
        var result = await SendAsync([
            Message(1) with { ReplyTo = new Mailbox("not an address") },
            Message(2) with { SenderName = "Acme\r\nBcc: x@evil.example" },
        ]);

        Assert.All(result.Results, r => Assert.Equal(MailSendStatus.Rejected, r.Status));
        Assert.Equal(
            ["The reply-to address 'not an address' is not an email address.", "A display name must be one line."],
            result.Results.Select(r => r.Reason));
        Assert.Empty(_server.Requests);
    }

    private async Task<MailBatchResult> SendAsync(IReadOnlyList<MailMessage> messages, Action<SendGridOptions>? configure = null)
    {
        using var sender = Sender(configure);
        return await sender.SendAsync(messages, TestContext.Current.CancellationToken);
    }

    private SendGridMailSender Sender(Action<SendGridOptions>? configure = null)
    {
        var options = new SendGridOptions
        {
            ApiKey = _server.ApiKey,
            BaseUrl = _server.BaseUrl.ToString(),
            FromEmail = "surveys@buyer.example",
            FromName = "Buyer Quality",
        };
        configure?.Invoke(options);
        return new SendGridMailSender(Options.Create(options), _time, NullLogger<SendGridMailSender>.Instance);
    }

    private static MailMessage Message(int n, string? email = null) =>
        new(
            $"inv-{n}:initial",
            new Mailbox(email ?? $"contact{n}@supplier{n}.example", $"Contact {n}"),
            $"Quality survey for Supplier {n}",
            $"<p>Dear Contact {n}, <a href=\"https://sq.example/s/token{n}\">open the survey</a>.</p>",
            $"Dear Contact {n}, open the survey: https://sq.example/s/token{n}")
        {
            InvitationId = $"inv-{n}",
            UnsubscribeUrl = $"https://sq.example/u/token{n}",
            CustomArgs = new Dictionary<string, string> { ["campaign_id"] = "campaign-7" },
        };
}
