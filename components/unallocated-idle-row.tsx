import { fmtUsd } from "@/components/format";
import type { TUnallocatedIdleReserved } from "@/lib/read-model/unallocated-idle-dto";

/**
 * The footer line for idle reserved dollars that no model's fully loaded cost carries (pools serving
 * no model), in a table of models: `before` columns of label, the amount, then `after` empty columns.
 */
export function UnallocatedIdleRow(props: { unallocated: TUnallocatedIdleReserved; before: number; after: number }) {
  const { poolIds, usd } = props.unallocated;
  return (
    <tr data-testid="unallocated-idle">
      <td colSpan={props.before}>
        Unallocated idle reserved: reservations of pools serving no model
        {poolIds.length > 0 && ` (${poolIds.join(", ")})`}
      </td>
      <td className="num" data-field="unallocated-idle-reserved">
        {fmtUsd(usd)}
      </td>
      <td colSpan={props.after} />
    </tr>
  );
}
