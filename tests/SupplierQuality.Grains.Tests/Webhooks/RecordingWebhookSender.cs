using System.Collections.Concurrent;
using SupplierQuality.Grains.Webhooks;

namespace SupplierQuality.Grains.Tests.Webhooks;

/// <summary>
/// The cluster's webhook sender: records every post per address and answers as the test tells each address to (all
/// delivered unless told to fail). Tests use addresses of their own, so they never see each other's posts.
/// </summary>
public sealed class RecordingWebhookSender : IWebhookSender
{
    /// <summary>The cluster's outbox bound, small so a test can fill it.</summary>
    public const int MaxPending = 60;

    private readonly ConcurrentDictionary<string, Receiver> _receivers = new(StringComparer.Ordinal);

    public static RecordingWebhookSender Instance { get; } = new();

    /// <summary>A new address with its receiver.</summary>
    public static (string Url, Receiver Receiver) NewReceiver()
    {
        var url = $"https://receiver-{Guid.NewGuid():N}.test/hooks";
        return (url, Instance.At(url));
    }

    public Receiver At(string url) => _receivers.GetOrAdd(url, _ => new Receiver());

    public Task<WebhookPostResult> SendAsync(WebhookPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        return Task.FromResult(At(post.Url).Answer(post));
    }

    /// <summary>One address: what was posted to it and how it answers.</summary>
    public sealed class Receiver
    {
        private readonly Lock _lock = new();
        private readonly List<(WebhookPost Post, bool Delivered)> _posts = [];
        private bool _failing;

        /// <summary>Every post, failed ones included, in order.</summary>
        public IReadOnlyList<WebhookEvent> Attempts
        {
            get
            {
                lock (_lock)
                {
                    return [.. _posts.Select(p => p.Post.Event)];
                }
            }
        }

        /// <summary>The events it took, in order.</summary>
        public IReadOnlyList<WebhookEvent> Received
        {
            get
            {
                lock (_lock)
                {
                    return [.. _posts.Where(p => p.Delivered).Select(p => p.Post.Event)];
                }
            }
        }

        /// <summary>Answers 500 until <see cref="Recover"/>.</summary>
        public void Fail()
        {
            lock (_lock)
            {
                _failing = true;
            }
        }

        public void Recover()
        {
            lock (_lock)
            {
                _failing = false;
            }
        }

        internal WebhookPostResult Answer(WebhookPost post)
        {
            lock (_lock)
            {
                _posts.Add((post, !_failing));
                return _failing ? WebhookPostResult.Failed("status", "HTTP 500 Internal Server Error") : WebhookPostResult.Ok;
            }
        }
    }
}
