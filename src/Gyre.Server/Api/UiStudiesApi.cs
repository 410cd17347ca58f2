using Gyre.Core;
using Gyre.Tuning;
using Gyre.Tuning.Analysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gyre.Server.Api;

/// <summary>
/// The web UI's study routes, when the backend store keeps studies (<see cref="IStudyStorage"/>): the list as
/// <c>gyre study list --json</c> prints it and one study's report as <c>gyre study report --json</c> prints it
/// (the same view records, <see cref="StudyListItemView"/> and <see cref="StudyReportView"/>).
/// </summary>
internal static class UiStudiesApi
{
    /// <summary><c>studies</c> → <c>{"studies":[StudyListItemView...]}</c> (empty when the store keeps no studies).</summary>
    public static async Task StudiesAsync(HttpContext context)
    {
        var rows = new List<StudyListItemView>();
        if (Storage(context) is { } storage)
        {
            foreach (var summary in await storage.ListStudiesAsync(context.RequestAborted))
            {
                rows.Add(StudyListItemView.From(summary, await storage.GetTrialsAsync(summary.Id, context.RequestAborted)));
            }
        }

        await UiJson.WriteAsync(context, new { studies = rows });
    }

    /// <summary><c>study?name=S</c> → the <see cref="StudyReportView"/> (fANOVA importances, seed 0); 404 for an unknown study.</summary>
    public static async Task StudyAsync(HttpContext context)
    {
        var name = UiQuery.Required(context, "name");
        var storage = Storage(context) ?? throw GyreException.NotFound($"Study '{name}' does not exist: this server's backend store keeps no studies.");
        var summary = await storage.FindStudyAsync(name, context.RequestAborted) ?? throw GyreException.NotFound($"Study '{name}' does not exist.");
        var trials = await storage.GetTrialsAsync(summary.Id, context.RequestAborted);
        var report = StudyReport.Build(summary.Name, summary.Direction, trials, 0, ImportanceMethod.Fanova);
        await UiJson.WriteAsync(context, StudyReportView.From(summary, report));
    }

    private static IStudyStorage? Storage(HttpContext context) => context.RequestServices.GetRequiredService<TrackingServices>().Store as IStudyStorage;
}
