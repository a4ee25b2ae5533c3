#nullable disable

using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.ECS.Model;

public class Cluster
{
    public string ClusterArn { get; set; }

    public string ClusterName { get; set; }

    public string Status { get; set; }

    public int? RegisteredContainerInstancesCount { get; set; }

    public int? RunningTasksCount { get; set; }

    public int? PendingTasksCount { get; set; }

    public int? ActiveServicesCount { get; set; }

    public List<string> CapacityProviders { get; set; }

    public List<CapacityProviderStrategyItem> DefaultCapacityProviderStrategy { get; set; }

    public List<Tag> Tags { get; set; }

    /// <summary>Only when DescribeClusters asked to include SETTINGS: containerInsights (enabled, enhanced or disabled).</summary>
    public List<ClusterSetting> Settings { get; set; }
}

public class ClusterSetting
{
    public string Name { get; set; }

    public string Value { get; set; }
}
