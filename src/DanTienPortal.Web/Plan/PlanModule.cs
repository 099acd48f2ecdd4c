namespace DanTienPortal.Web.Plan;

/// <summary>The plan's task tracker: staff updates of the tasks' status and progress.</summary>
public static class PlanModule
{
    public static IServiceCollection AddPortalPlan(this IServiceCollection services) => services.AddScoped<PlanTaskTracker>();
}
