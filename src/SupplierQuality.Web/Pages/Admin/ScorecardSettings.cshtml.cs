using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Admin;

/// <summary>The settings form as posted: text, so a value that is not a number gets this page's sentence, not the binder's.</summary>
public sealed class ScorecardSettingsForm
{
    public int Version { get; set; }

    public string? InternalEvaluationWeight { get; set; }

    public string? SelfAssessmentWeight { get; set; }

    public string? MetricsWeight { get; set; }

    public string? PriorWeight { get; set; }

    public string? MinimumResponses { get; set; }

    public string? Strategic { get; set; }

    public string? Preferred { get; set; }

    public string? Approved { get; set; }

    public string? Conditional { get; set; }

    /// <summary>The fields in form order, with the settings' camelCase key of each.</summary>
    public static IReadOnlyList<(string Key, string Field)> Fields { get; } =
    [
        ("internalEvaluationWeight", nameof(InternalEvaluationWeight)),
        ("selfAssessmentWeight", nameof(SelfAssessmentWeight)),
        ("metricsWeight", nameof(MetricsWeight)),
        ("priorWeight", nameof(PriorWeight)),
        ("minimumResponses", nameof(MinimumResponses)),
        ("strategic", nameof(Strategic)),
        ("preferred", nameof(Preferred)),
        ("approved", nameof(Approved)),
        ("conditional", nameof(Conditional)),
    ];

    public static ScorecardSettingsForm From(ScorecardSettingsVersion current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var s = current.Settings;
        return new ScorecardSettingsForm
        {
            Version = current.Version,
            InternalEvaluationWeight = Text(s.InternalEvaluationWeight),
            SelfAssessmentWeight = Text(s.SelfAssessmentWeight),
            MetricsWeight = Text(s.MetricsWeight),
            PriorWeight = Text(s.PriorWeight),
            MinimumResponses = s.MinimumResponses.ToString(CultureInfo.InvariantCulture),
            Strategic = Text(s.Strategic),
            Preferred = Text(s.Preferred),
            Approved = Text(s.Approved),
            Conditional = Text(s.Conditional),
        };
    }

    /// <summary>The settings typed, or null with a message per field that is not a number (keyed by property name).</summary>
    public ScorecardSettings? ToSettings(IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        double Number(string? text, string field)
        {
            if (double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            errors[field] = "Enter a number, such as 2.5.";
            return 0;
        }

        var internalEvaluation = Number(InternalEvaluationWeight, nameof(InternalEvaluationWeight));
        var selfAssessment = Number(SelfAssessmentWeight, nameof(SelfAssessmentWeight));
        var metrics = Number(MetricsWeight, nameof(MetricsWeight));
        var prior = Number(PriorWeight, nameof(PriorWeight));
        if (!int.TryParse(MinimumResponses?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var minimum))
        {
            errors[nameof(MinimumResponses)] = "Enter a whole number of responses, such as 3.";
        }

        var settings = new ScorecardSettings(
            internalEvaluation, selfAssessment, prior, minimum,
            Number(Strategic, nameof(Strategic)), Number(Preferred, nameof(Preferred)), Number(Approved, nameof(Approved)), Number(Conditional, nameof(Conditional)),
            metrics);
        return errors.Count == 0 ? settings : null;
    }

    private static string Text(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}

/// <summary>
/// The scorecard settings: weights of the respondent groups and of objective metrics, m of the ranking score, the low-response minimum and the
/// standing thresholds. Each save is a new version kept with who saved it; a save from a page opened before someone
/// else's save is refused, so nobody overwrites a change they have not seen. Admins may also rebuild every scorecard.
/// </summary>
public sealed class ScorecardSettingsModel(IGrainFactory grains) : FormPageModel(grains)
{
    public const string Prefix = "Form";

    [BindProperty]
    public ScorecardSettingsForm Form { get; set; } = new();

    public ScorecardSettingsVersion Current { get; private set; } = null!;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ScorecardSettingsVersion> History { get; private set; } = [];

    public bool CanRebuild => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Form = ScorecardSettingsForm.From(Current);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Form.ToSettings(typed) is not { } settings)
        {
            foreach (var (_, field) in ScorecardSettingsForm.Fields.Where(f => typed.ContainsKey(f.Field)))
            {
                AddFieldError($"{Prefix}.{field}", typed[field]);
            }

            await LoadAsync();
            return Page();
        }

        var result = await Grains.GetScorecardSettings().SaveAsync(settings, Form.Version, User.AccountEmail()!);
        if (result.Saved is { } saved)
        {
            Message = saved.Version == Form.Version
                ? $"Nothing changed: these are the settings of version {saved.Version}."
                : $"Saved version {saved.Version}. Rankings and scorecards use it from now on.";
            return RedirectToPage();
        }

        if (result.Errors.TryGetValue("version", out var stale))
        {
            foreach (var message in stale)
            {
                AddPageError("/admin/scorecard-settings", message);
            }
        }

        foreach (var (key, field) in ScorecardSettingsForm.Fields)
        {
            foreach (var message in result.Errors.GetValueOrDefault(key) ?? [])
            {
                AddFieldError($"{Prefix}.{field}", message);
            }
        }

        foreach (var (_, messages) in result.Errors.Where(e => e.Key != "version" && !ScorecardSettingsForm.Fields.Any(f => f.Key == e.Key)))
        {
            foreach (var message in messages)
            {
                AddPageError(null, message);
            }
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>Admins only: scorecards are derived from the stored answers, and this derives them all again.</summary>
    public async Task<IActionResult> OnPostRebuildAsync()
    {
        if (!CanRebuild)
        {
            return Forbid();
        }

        var rebuilt = await ScorecardRebuild.RunAsync(Grains, HttpContext.RequestAborted);
        Message = $"Rebuilt {rebuilt} supplier-campaign {(rebuilt == 1 ? "line" : "lines")} from the stored answers; the rankings were read again.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var settings = Grains.GetScorecardSettings();
        Current = await settings.GetAsync();
        History = await settings.HistoryAsync();
    }
}
