using Orleans.Concurrency;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// One survey campaign, keyed by its id. State: the definition (fixed at launch), status, the suppliers targeted,
/// the cursors of the work in progress, and one small progress line per supplier (bounded by suppliers targeted).
/// Launching, reminding, extending and closing run in batches from a durable cursor, driven by an Orleans reminder,
/// so a node that dies mid-way is replaced and the work continues where it stopped.
/// </summary>
[Alias("SupplierQuality.Campaigns.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithGuidKey
{
    /// <summary>Creates the campaign as a draft. The same definition again is <see cref="CommandOutcome.Ok"/>.</summary>
    [Alias("Create")]
    Task<CommandResult<CampaignDetails>> CreateAsync(CampaignDefinition definition);

    /// <summary>Replaces a draft's definition; <see cref="CommandOutcome.Conflict"/> after launch.</summary>
    [Alias("Update")]
    Task<CommandResult<CampaignDetails>> UpdateAsync(CampaignDefinition definition);

    /// <summary>
    /// Checks the definition again, fixes the audience and starts sending (now, or at the opening time). Launching a
    /// launched campaign again is <see cref="CommandOutcome.Ok"/> and changes nothing.
    /// </summary>
    [Alias("Launch")]
    Task<CommandResult<CampaignDetails>> LaunchAsync();

    /// <summary>Moves the deadline later, for the campaign and every invitation.</summary>
    [Alias("ExtendDeadline")]
    Task<CommandResult<CampaignDetails>> ExtendDeadlineAsync(DateTimeOffset deadline);

    /// <summary>Closes before the deadline: forms become read-only, answers so far count.</summary>
    [Alias("Close")]
    Task<CommandResult<CampaignDetails>> CloseAsync();

    /// <summary>Calls the campaign off: nothing more is sent and forms become read-only.</summary>
    [Alias("Cancel")]
    Task<CommandResult<CampaignDetails>> CancelAsync();

    /// <summary>Adds suppliers to an open or scheduled campaign; they are invited like the rest. Known ones are skipped.</summary>
    [Alias("AddSuppliers")]
    Task<CommandResult<CampaignDetails>> AddSuppliersAsync(IReadOnlyList<Guid> supplierIds);

    /// <summary>
    /// Sends one invitation's email again (a manager's resend). The only way a recipient gets a second invitation. Answers
    /// the supplier's part of the campaign, where the resend shows as waiting until it is sent.
    /// </summary>
    [Alias("ResendRequest")]
    Task<CommandResult<SupplierCampaignDetails>> ResendAsync(Guid supplierId, ResendRequest request);

    /// <summary>
    /// Reminds everyone who has not answered, now, with an optional personal line above the intro (a manager's hand
    /// reminder, apart from the scheduled ones; at most <see cref="CampaignState.MaxHandReminders"/>).
    /// </summary>
    [Alias("RemindNow")]
    Task<CommandResult<CampaignDetails>> RemindNowAsync(Guid clickId, string? line);

    /// <summary>The campaign, or null if it was never created.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<CampaignDetails?> GetAsync();

    /// <summary>What its emails are rendered from (<see cref="ICampaignEmailsGrain"/>); null for no campaign.</summary>
    [Alias("GetMailSample")]
    Task<CampaignMailSample?> GetMailSampleAsync();

    /// <summary>A page of the targeted suppliers' progress, optionally only those without a response yet.</summary>
    [Alias("GetSuppliers"), AlwaysInterleave]
    Task<SupplierProgressPage> GetSuppliersAsync(bool nonRespondersOnly, int skip, int take);

    /// <summary>The first <paramref name="take"/> suppliers (in the order asked) with a bounce, refusal, unsubscribe or spam report.</summary>
    [Alias("GetSuppliersWithMailProblems"), AlwaysInterleave]
    Task<IReadOnlyList<SupplierProgress>> GetSuppliersWithMailProblemsAsync(int take);

    /// <summary>
    /// A supplier's campaign reports its counters. One-way: it is sent while the campaign may be in the middle of a
    /// batch that called that very supplier, and waits for the batch. A report older than the one held is ignored.
    /// </summary>
    [Alias("ReportProgress"), OneWay]
    Task ReportProgressAsync(SupplierProgress progress);

    /// <summary>Does what is due now (the reminder calls it too); returns when a batch is done or nothing is due.</summary>
    [Alias("Run")]
    Task RunAsync();
}
