AdminJS.UserComponents = {}
import PlayforgeReasonForm from '../admin/components/moderation/ReasonForm'
AdminJS.UserComponents.PlayforgeReasonForm = PlayforgeReasonForm
import PlayforgeThumbnail from '../admin/components/moderation/Thumbnail'
AdminJS.UserComponents.PlayforgeThumbnail = PlayforgeThumbnail
import PlayforgePreviewLink from '../admin/components/moderation/PreviewLink'
AdminJS.UserComponents.PlayforgePreviewLink = PlayforgePreviewLink
import PlayforgeExternalLink from '../admin/components/moderation/ExternalLink'
AdminJS.UserComponents.PlayforgeExternalLink = PlayforgeExternalLink
import PlayforgeDashboard from '../admin/components/dashboard/Dashboard'
AdminJS.UserComponents.PlayforgeDashboard = PlayforgeDashboard