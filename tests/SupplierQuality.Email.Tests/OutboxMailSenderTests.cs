using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Email.SendGrid;

namespace SupplierQuality.Email.Tests;

public sealed class OutboxMailSenderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sq-outbox-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly OutboxMailSender _sender;
    private readonly OutboxReader _reader;

    public OutboxMailSenderTests()
    {
        var options = Options.Create(new MailOptions { OutboxPath = _folder });
        _sender = new OutboxMailSender(options, Options.Create(new SendGridOptions { FromEmail = "surveys@buyer.example", FromName = "Buyer" }), _time);
        _reader = new OutboxReader(options);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sent_message_can_be_read_back_with_its_bodies_and_ids()
    {
        var message = Message("inv-1:initial");

        var result = await _sender.SendAsync([message], Ct);

        Assert.Equal(MailSendStatus.Accepted, Assert.Single(result.Results).Status);
        var stored = await _reader.ReadAsync(message.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal((message.To, message.Subject, message.HtmlBody, message.TextBody), (stored.To, stored.Subject, stored.HtmlBody, stored.TextBody));
        Assert.Equal(new Mailbox("surveys@buyer.example", "Buyer"), stored.From);
        Assert.Equal(("inv-1", "inv-1:initial"), (stored.CustomArgs[MailCustomArgs.InvitationId], stored.CustomArgs[MailCustomArgs.MessageId]));
        Assert.Equal(message.UnsubscribeUrl, stored.UnsubscribeUrl);
        Assert.Equal(_time.GetUtcNow(), stored.WrittenAt);
    }

    [Fact]
    public async Task The_outbox_keeps_the_Reply_To_and_names_the_sender_after_the_message_when_no_FromName_is_configured()
    {
        var options = Options.Create(new MailOptions { OutboxPath = _folder });
        var sender = new OutboxMailSender(options, Options.Create(new SendGridOptions { FromEmail = "surveys@buyer.example" }), _time);
        var message = Message("inv-2:initial") with { SenderName = "Acme Buying Ltd", ReplyTo = new Mailbox("quality@acme.example", "Dana Quality") };

        await sender.SendAsync([message], Ct);

        var stored = await _reader.ReadAsync(message.Id, Ct);
        Assert.Equal(new Mailbox("surveys@buyer.example", "Acme Buying Ltd"), stored!.From);
        Assert.Equal(new Mailbox("quality@acme.example", "Dana Quality"), stored.ReplyTo);
    }

    [Fact]
    public async Task Sending_the_same_id_again_is_accepted_and_leaves_the_first_file_as_it_was()
    {
        await _sender.SendAsync([Message("inv-1:initial")], Ct);
        _time.Advance(TimeSpan.FromMinutes(1));

        var again = await _sender.SendAsync([Message("inv-1:initial") with { Subject = "Changed" }], Ct);

        Assert.Equal(MailSendStatus.Accepted, Assert.Single(again.Results).Status);
        var page = await _reader.ListAsync(0, 10, Ct);
        var only = Assert.Single(page.Messages);
        Assert.Equal("Survey for Acme & Sons", only.Subject);
        Assert.Equal(new DateTimeOffset(2030, 3, 1, 8, 0, 0, TimeSpan.Zero), only.WrittenAt);
    }

    [Fact]
    public async Task Concurrent_sends_of_one_id_leave_one_whole_file_and_no_temporary_files()
    {
        var sends = Enumerable.Range(0, 16).Select(_ => Task.Run(() => _sender.SendAsync([Message("inv-1:initial")], Ct), Ct));

        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.Equal(MailSendStatus.Accepted, Assert.Single(r.Results).Status));
        var file = Assert.Single(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
        Assert.EndsWith(".json", file, StringComparison.Ordinal);
        Assert.NotNull(await _reader.ReadAsync("inv-1:initial", Ct));
    }

    [Fact]
    public async Task The_outbox_lists_newest_first_a_page_at_a_time()
    {
        foreach (var n in Enumerable.Range(1, 5))
        {
            await _sender.SendAsync([Message($"inv-{n}:initial")], Ct);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        var first = await _reader.ListAsync(0, 2, Ct);
        var second = await _reader.ListAsync(2, 2, Ct);

        Assert.Equal(5, first.Total);
        Assert.Equal(["inv-5:initial", "inv-4:initial"], first.Messages.Select(m => m.Id));
        Assert.Equal(["inv-3:initial", "inv-2:initial"], second.Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task Ids_that_differ_only_in_characters_a_file_name_cannot_hold_get_their_own_files()
    {
        await _sender.SendAsync([Message("inv/1:initial"), Message("inv_1_initial"), Message("inv:1/initial")], Ct);

        Assert.Equal(3, (await _reader.ListAsync(0, 10, Ct)).Total);
        Assert.Equal("inv/1:initial", (await _reader.ReadAsync("inv/1:initial", Ct))?.Id);
    }

    [Fact]
    public async Task An_invalid_message_is_rejected_and_not_written()
    {
        var result = await _sender.SendAsync([Message("inv-1:initial") with { To = new Mailbox("nobody") }], Ct);

        Assert.Equal(MailSendStatus.Rejected, Assert.Single(result.Results).Status);
        Assert.Equal(0, (await _reader.ListAsync(0, 10, Ct)).Total);
    }

    [Fact]
    public async Task An_empty_outbox_reads_as_empty()
    {
        Assert.Equal(0, (await _reader.ListAsync(0, 10, Ct)).Total);
        Assert.Null(await _reader.ReadAsync("nothing", Ct));
    }

    private static MailMessage Message(string id) =>
        new(id, new Mailbox("anna@acme.example", "Anna"), "Survey for Acme & Sons", "<p>Hello <a href=\"https://sq.example/s/t\">survey</a></p>", "Hello https://sq.example/s/t")
        {
            InvitationId = id.Split(':')[0],
            UnsubscribeUrl = "https://sq.example/u/t",
        };
}
