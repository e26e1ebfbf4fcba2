using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SupplierQuality.Integration.Tests.Webhooks;

/// <summary>
/// One post as the receiver got it: the raw body, a copy of the headers, and what it answered (499: its sender went
/// away while it was held), with when that was.
/// </summary>
public sealed record ReceivedPost(string Path, string Body, IHeaderDictionary Headers, int Status)
{
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// A loopback webhook receiver on Kestrel at 127.0.0.1 and a free port. It takes posts on any path (each test makes
/// its own with <see cref="NewUrl"/>), records each with its raw body and headers, and answers 204 unless told to fail (500) or the
/// path is <c>/moved</c> (a 302 to <c>/elsewhere</c>). Told to <see cref="Hold"/>, it keeps posts waiting unanswered.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedPost> _posts = [];
    private readonly Lock _gate = new();
    private int _failuresLeft;
    private TaskCompletionSource? _held;
    private int _holding;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>A new address on this receiver, so each test reads only its own posts.</summary>
    public string NewUrl() => new Uri(BaseUrl, $"/hooks/{Guid.NewGuid():N}").ToString();

    public IReadOnlyList<ReceivedPost> Posts
    {
        get
        {
            lock (_gate)
            {
                return [.. _posts];
            }
        }
    }

    /// <summary>The posts to <paramref name="url"/>, in order.</summary>
    public IReadOnlyList<ReceivedPost> To(string url) => [.. Posts.Where(p => p.Path == new Uri(url).AbsolutePath)];

    /// <summary>Answers 500 to the next <paramref name="posts"/> posts (int.MaxValue: until <see cref="Recover"/>).</summary>
    public void Fail(int posts = int.MaxValue)
    {
        lock (_gate)
        {
            _failuresLeft = posts;
        }
    }

    public void Recover() => Fail(0);

    /// <summary>
    /// Keeps each post waiting, unanswered, until <see cref="Release"/> (then answered as usual) or until its sender
    /// gives up or dies (recorded as 499): a sender is caught in the middle of a post.
    /// </summary>
    public void Hold()
    {
        lock (_gate)
        {
            _held ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Answers the held posts, and those after them, as usual.</summary>
    public void Release()
    {
        TaskCompletionSource? held;
        lock (_gate)
        {
            (held, _held) = (_held, null);
        }

        held?.TrySetResult();
    }

    /// <summary>Posts waiting unanswered right now.</summary>
    public int Holding => Volatile.Read(ref _holding);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = new Uri(app.Urls.Single());
        return receiver;
    }

    /// <summary>Polls until the posts to <paramref name="url"/> satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<ReceivedPost>> WaitAsync(string url, Func<IReadOnlyList<ReceivedPost>, bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var posts = To(url);
            if (condition(posts))
            {
                return posts;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; posts so far: {string.Join(", ", posts.Select(p => p.Status))}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = new HeaderDictionary();
        foreach (var (name, value) in context.Request.Headers)
        {
            headers[name] = value;
        }

        var path = context.Request.Path.Value ?? "/";
        Task? held;
        lock (_gate)
        {
            held = _held?.Task;
        }

        if (held is not null)
        {
            Interlocked.Increment(ref _holding);
            try
            {
                await held.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    _posts.Add(new ReceivedPost(path, body, headers, StatusCodes.Status499ClientClosedRequest));
                }

                return Results.Empty;
            }
            finally
            {
                Interlocked.Decrement(ref _holding);
            }
        }

        int status;
        lock (_gate)
        {
            status = path.EndsWith("/moved", StringComparison.Ordinal) ? StatusCodes.Status302Found
                : _failuresLeft > 0 ? StatusCodes.Status500InternalServerError
                : StatusCodes.Status204NoContent;
            if (status == StatusCodes.Status500InternalServerError && _failuresLeft != int.MaxValue)
            {
                _failuresLeft--;
            }

            _posts.Add(new ReceivedPost(path, body, headers, status));
        }

        return status == StatusCodes.Status302Found ? Results.Redirect("/elsewhere") : Results.StatusCode(status);
    }
}
