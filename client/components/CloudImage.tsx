import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { useFileUrl } from '../utils/useFileUrl'
import './CloudImage.scss'

interface Props {
  /** The stored file (cloud:// fileID). */
  fileID: string | null | undefined
  /** A picture just taken on this device, shown as is while (and instead of) asking for the stored one. */
  local?: string
  className?: string
  mode?: 'aspectFill' | 'aspectFit' | 'widthFix'
  /** Tap to view it full screen. */
  previewable?: boolean
  /** Shown when the picture cannot be shown (a PDF, a deleted file, one this person may not see). */
  fallback: ReactNode
}

/**
 * A photo from cloud storage (receipts, drop-off photos, licences, inspection photos) shown as a picture: its
 * temporary URL comes through services/cloud.ts — WeChat's getTempFileURL in the mini-program, the gateway in
 * H5, which only answers for files this person may see.
 */
export function CloudImage({ fileID, local, className, mode = 'aspectFill', previewable, fallback }: Props) {
  const state = useFileUrl(/\.pdf$/i.test(fileID ?? '') ? null : fileID, local)
  if (state.status === 'loading') return <View className={`${className ?? ''} cloud-image--loading`} />
  if (state.status === 'none') return <>{fallback}</>
  const { url } = state
  return (
    <Image
      className={className}
      src={url}
      mode={mode}
      onClick={
        previewable
          ? () => void Taro.previewImage({ urls: [url], current: url }).catch(() => undefined)
          : undefined
      }
    />
  )
}
