#nullable disable

using System.Collections.Generic;

namespace Kaviar.Ops.AwsServices.RDS.Model;

/// <summary>A Describe filter, e.g. db-cluster-id or db-instance-id with identifiers or ARNs as values.</summary>
public class Filter
{
    public string Name { get; set; }

    public List<string> Values { get; set; }
}
