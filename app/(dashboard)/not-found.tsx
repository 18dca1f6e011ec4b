import { NotFoundView } from "@/components/not-found-view";

// Inside the dashboard layout, so the navigation stays: the proxy answers these with a real 404.
export default function DashboardNotFound() {
  return <NotFoundView />;
}
