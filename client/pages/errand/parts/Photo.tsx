import { Photograph } from '@nutui/icons-react-taro'
import { Loading } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { errorMessage, IS_WEAPP, uploadFile } from '../../../services/cloud'
import { toast } from '../../../utils/toast'

/** Previews of photos uploaded in this session (fileID → a URL an <Image> can show). */
const previews = new Map<string, string>()

/** The mini-program shows cloud:// files itself; H5 only what was taken in this session. */
export function photoSrc(fileID: string | null | undefined): string | undefined {
  if (!fileID) return undefined
  return previews.get(fileID) ?? (IS_WEAPP ? fileID : undefined)
}

interface PickerProps {
  value: string
  onChange: (fileID: string) => void
  /** Storage folder. */
  dir: 'receipts' | 'dropoff'
  label: string
  testId: string
}

/**
 * One photo, taken with the camera (or from the album), uploaded through services/cloud.ts the moment it is
 * chosen. In H5, Taro.chooseImage opens the browser's file input.
 */
export function PhotoPicker({ value, onChange, dir, label, testId }: PickerProps) {
  const [busy, setBusy] = useState(false)
  const pick = async () => {
    if (busy) return
    let path: string | undefined
    try {
      const res = await Taro.chooseImage({
        count: 1,
        sizeType: ['compressed'],
        sourceType: ['camera', 'album'],
      })
      path = res.tempFilePaths[0]
    } catch {
      return // cancelled
    }
    if (!path) return
    setBusy(true)
    try {
      const { fileID, url } = await uploadFile(path, dir)
      previews.set(fileID, url || path)
      onChange(fileID)
    } catch (e) {
      toast.fail(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const src = photoSrc(value)
  return (
    <View
      className={`e-photo${value ? ' e-photo--done' : ''}`}
      onClick={() => void pick()}
      data-testid={testId}
    >
      {busy ? (
        <View className="e-photo__empty">
          <Loading type="spinner" />
          <Text className="e-photo__text">正在上传…</Text>
        </View>
      ) : value ? (
        <>
          {src ? (
            <Image className="e-photo__img" src={src} mode="aspectFill" />
          ) : (
            <View className="e-photo__empty">
              <Text className="e-photo__text">照片已上传</Text>
            </View>
          )}
          <View className="e-photo__redo">重拍</View>
        </>
      ) : (
        <View className="e-photo__empty">
          <Photograph size={30} color="#1f6fd8" />
          <Text className="e-photo__text">{label}</Text>
        </View>
      )}
    </View>
  )
}

/** A recorded photo on a detail page: the picture where it can be shown, a note that it exists otherwise. */
export function PhotoView({ fileID, title }: { fileID: string | null | undefined; title: string }) {
  if (!fileID) return null
  const src = photoSrc(fileID)
  return (
    <View className="e-photo-view">
      <View className="e-photo-view__title">{title}</View>
      {src ? (
        <Image
          className="e-photo-view__img"
          src={src}
          mode="aspectFill"
          onClick={() => void Taro.previewImage({ urls: [src], current: src }).catch(() => undefined)}
        />
      ) : (
        <View className="e-photo-view__none">已拍照留存</View>
      )}
    </View>
  )
}
