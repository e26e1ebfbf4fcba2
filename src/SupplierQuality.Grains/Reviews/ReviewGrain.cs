using System.Globalization;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Webhooks;

namespace SupplierQuality.Grains.Reviews;

/// <summary>
/// A review keeps its frozen rows apart from its decisions: the rows (one per supplier) are written once, at create,
/// and each decision rewrites only the decisions and the audit trail (DESIGN: a bound is also a write cost).
/// </summary>
[GrainType("review")]
public sealed class ReviewGrain(
    [PersistentState("review")] IPersistentState<ReviewState> state,
    [PersistentState("reviewsnapshot")] IPersistentState<ReviewSnapshotState> snapshot,
    TimeProvider time) : Grain, IReviewGrain
{
    public async Task<CommandResult<ReviewSummary>> CreateAsync(CreateReview command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var review = ReviewRules.Normalize(command);
        if (state.State.Created)
        {
            if (!Holds(review))
            {
                return CommandResult.Conflict<ReviewSummary>("A review with this id already exists with other content.");
            }

            // A retry also repairs the list's line, in case the first attempt stopped before it.
            await ListAsync();
            return CommandResult.Ok(Summary());
        }

        var errors = ReviewRules.Validate(review);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid<ReviewSummary>(errors);
        }

        var previous = await PreviousReviewAsync(review.Category);
        var inReview = review.Rows.Select(r => r.SupplierId).ToHashSet();
        snapshot.State = new ReviewSnapshotState
        {
            Rows = [.. review.Rows],
            PreviousReview = previous is null ? null : new ReviewReference(previous.Id, previous.Title, previous.PeriodLabel, previous.FinishedAt!.Value),
            Previous = previous is null ? [] :
            [
                .. previous.Lines.Where(l => inReview.Contains(l.Row.SupplierId))
                    .Select(l => new PreviousOutcome(l.Row.SupplierId, l.Row.Rank, l.Row.Standing, l.Decision?.Decision)),
            ],
        };
        await snapshot.WriteOrDeactivateAsync(this);

        var now = time.GetUtcNow();
        var compared = previous is null ? "No earlier finished review of this scope to compare with." : $"Compared with the review \"{previous.Title}\".";
        state.State = new ReviewState
        {
            Created = true,
            Title = review.Title,
            Period = review.Period,
            PeriodLabel = review.PeriodLabel,
            PreviousPeriodLabel = review.PreviousPeriodLabel,
            Category = review.Category,
            Settings = review.Settings ?? ScorecardSettings.Default,
            DecisionOptions = [.. review.DecisionOptions!],
            CreatedAt = now,
            CreatedBy = review.CreatedBy,
            Revision = 1,
            Audit =
            [
                new ReviewAuditEntry(
                    now,
                    review.CreatedBy,
                    $"Review created: the ranking of {review.PeriodLabel}, {ReviewRules.Scope(review.Category)}, frozen with {Suppliers(review.Rows.Count)}. {compared}",
                    null),
            ],
        };
        await state.WriteOrDeactivateAsync(this);
        await ListAsync();
        return CommandResult.Created(Summary());
    }

    public async Task<CommandResult<ReviewSummary>> RecordDecisionAsync(
        Guid supplierId, string decision, string owner, DateOnly due, string note, string by, int expectedRevision)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var s = state.State;
        if (!s.Created)
        {
            return CommandResult.NotFound<ReviewSummary>("No review has this id.");
        }

        if (snapshot.State.Rows.Find(r => r.SupplierId == supplierId) is not { } row)
        {
            return CommandResult.NotFound<ReviewSummary>("This supplier is not in the review.");
        }

        if (s.FinishedAt is not null)
        {
            return CommandResult.Conflict<ReviewSummary>(ReviewRules.ReadOnlyMessage);
        }

        var (choice, who, text) = ReviewRules.Normalize(s.DecisionOptions, decision, owner, note);
        var current = s.Decisions.GetValueOrDefault(supplierId);
        if (current is not null && (current.Decision, current.Owner, current.Due, current.Note) == (choice, who, due, text))
        {
            return CommandResult.Ok(Summary());
        }

        if (expectedRevision != (current?.Revision ?? 0))
        {
            return CommandResult.Conflict<ReviewSummary>(current is null
                ? $"The decision for {row.Name} has changed since you opened it: reload the review and try again."
                : $"{current.By} recorded a decision for {row.Name} since you opened it ({current.Decision}, owner {current.Owner}): reload the review and try again.");
        }

        var errors = ReviewRules.ValidateDecision(s.DecisionOptions, s.CreatedAt, choice, who, due, text);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid<ReviewSummary>(errors);
        }

        if (s.Audit.Count >= ReviewRules.MaxAuditEntries)
        {
            return CommandResult.Conflict<ReviewSummary>(
                $"This review has reached its limit of {ReviewRules.MaxAuditEntries.ToString("N0", CultureInfo.InvariantCulture)} recorded changes: finish it, and record further decisions in a new review.");
        }

        var now = time.GetUtcNow();
        var recorded = new ReviewDecision(choice, who, due, text, by, now, (current?.Revision ?? 0) + 1);
        s.Decisions[supplierId] = recorded;
        s.Audit.Add(new ReviewAuditEntry(now, by, ReviewRules.DescribeDecision(row.Name, current, recorded), supplierId));
        s.Revision++;
        await state.WriteOrDeactivateAsync(this);
        return CommandResult.Ok(Summary());
    }

    public async Task<CommandResult<ReviewSummary>> FinishAsync(string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var s = state.State;
        if (!s.Created)
        {
            return CommandResult.NotFound<ReviewSummary>("No review has this id.");
        }

        if (s.FinishedAt is not null)
        {
            // Again (the same event id): a first attempt may have finished the review and failed to queue the event.
            await PublishFinishedAsync();
            return CommandResult.Ok(Summary());
        }

        var now = time.GetUtcNow();
        s.FinishedAt = now;
        s.FinishedBy = by;
        s.Audit.Add(new ReviewAuditEntry(
            now, by, $"Review finished with decisions for {s.Decisions.Count} of {Suppliers(snapshot.State.Rows.Count)}; it is read-only from now on.", null));
        s.Revision++;
        await state.WriteOrDeactivateAsync(this);
        await ListAsync();
        await PublishFinishedAsync();
        return CommandResult.Ok(Summary());
    }

    private Task PublishFinishedAsync() =>
        GrainFactory.PublishWebhooksAsync(WebhookEvents.ReviewFinished(Summary(), state.State.Decisions.Count));

    public Task<ReviewDetails?> GetAsync()
    {
        var s = state.State;
        if (!s.Created)
        {
            return Task.FromResult<ReviewDetails?>(null);
        }

        var previous = snapshot.State.Previous.ToDictionary(p => p.SupplierId);
        return Task.FromResult<ReviewDetails?>(new ReviewDetails(
            this.GetPrimaryKey(), s.Title, s.Period!, s.PeriodLabel, s.PreviousPeriodLabel, s.Category, s.Settings, [.. s.DecisionOptions],
            s.CreatedAt, s.CreatedBy, s.FinishedAt, s.FinishedBy, s.Revision, snapshot.State.PreviousReview,
            [
                .. snapshot.State.Rows.Select(r => new ReviewLine(
                    r, previous.GetValueOrDefault(r.SupplierId), s.Decisions.GetValueOrDefault(r.SupplierId))),
            ],
            [.. s.Audit]));
    }

    /// <summary>Whether the review holds exactly this create's content (who sent it aside).</summary>
    private bool Holds(CreateReview review)
    {
        var s = state.State;
        return s.Title == review.Title
            && s.Period == review.Period
            && s.PeriodLabel == review.PeriodLabel
            && s.PreviousPeriodLabel == review.PreviousPeriodLabel
            && s.Category == review.Category
            && s.Settings == (review.Settings ?? ScorecardSettings.Default)
            && s.DecisionOptions.SequenceEqual(review.DecisionOptions!, StringComparer.Ordinal)
            && snapshot.State.Rows.SequenceEqual(review.Rows);
    }

    /// <summary>The most recently finished review of the same scope, if any.</summary>
    private async Task<ReviewDetails?> PreviousReviewAsync(string? category)
    {
        var id = this.GetPrimaryKey();
        var finished = (await GrainFactory.GetReviewDirectory().ListAsync())
            .Where(r => r.Id != id && r.Status == ReviewStatus.Finished && ReviewRules.SameScope(r.Category, category))
            .OrderByDescending(r => r.FinishedAt);
        foreach (var candidate in finished)
        {
            if (await GrainFactory.GetReview(candidate.Id).GetAsync() is { FinishedAt: not null } previous)
            {
                return previous;
            }
        }

        return null;
    }

    private Task ListAsync() => GrainFactory.GetReviewDirectory().UpsertAsync(Summary());

    /// <summary>The review as its list shows it: what a command answers, rather than every frozen row.</summary>
    private ReviewSummary Summary()
    {
        var s = state.State;
        return new ReviewSummary(
            this.GetPrimaryKey(), s.Title, s.Category, s.Period!, s.PeriodLabel, s.FinishedAt is null ? ReviewStatus.Open : ReviewStatus.Finished,
            s.CreatedAt, s.CreatedBy, s.FinishedAt, snapshot.State.Rows.Count, s.Revision);
    }

    private static string Suppliers(int count) => count == 1 ? "1 supplier" : $"{count} suppliers";
}
